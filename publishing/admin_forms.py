"""The forms of the content admin: the change form's stale-edit guard and the workflow actions' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html


class PublishedContentForm(forms.ModelForm):
    """Refuses a save when someone else saved the item after this form was opened."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk:
            # Inside the admin's transaction: lock the row so two saves cannot both pass.
            current = type(instance).objects.select_for_update().filter(pk=instance.pk).first()
            seen = cleaned.get("seen_version")
            if current is not None and seen is not None and current.version != seen:
                who = current.updated_by.get_username() if current.updated_by else "someone else"
                when = timezone.localtime(current.updated_at).strftime("%d %B %Y at %H:%M")
                raise ValidationError(
                    f"{who} changed this item on {when}, since you opened it. Your changes have NOT been saved. "
                    "Copy anything you want to keep from the form below, then reload the page to see their "
                    "version and make your changes again.",
                    code="stale",
                )
            if current is not None and current.is_live:
                draft = type(instance).objects.filter(draft_of=current).first()
                if draft is not None:
                    raise ValidationError(
                        format_html(
                            'There is already a draft of this page. <a href="{}">Edit that draft</a> instead, '
                            "so that no change is lost.",
                            reverse(
                                f"admin:{instance._meta.app_label}_{instance._meta.model_name}_change", args=[draft.pk]
                            ),
                        ),
                        code="draft_exists",
                    )
        return cleaned


class PublishedContentListForm(forms.ModelForm):
    """The editable columns of a change list. A change to a live item there makes a draft, like the full form."""

    def clean(self):
        cleaned = super().clean()
        live = self.instance
        if self.has_changed() and live.is_live and type(live).objects.filter(draft_of=live).exists():
            raise ValidationError("This item already has a draft. Make the change in the draft instead.")
        return cleaned


class PublishActionForm(forms.Form):
    publish_at = forms.DateTimeField(
        required=False,
        label="Publish at (optional)",
        help_text="Leave empty to publish now. Format: 2026-12-01 09:00.",
        input_formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason (only when a superuser publishes their own change)",
    )


class WithdrawActionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Public reason for withdrawing",
        help_text="Readers who follow an old link see this, with the date.",
    )


class NoteActionForm(forms.Form):
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Note for the editor")
