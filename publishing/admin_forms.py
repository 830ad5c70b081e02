"""The forms of the content admin: the change form's stale-edit guard and the workflow actions' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from publishing.models import PublishedContent
from publishing.sources import MAX_SOURCES, SOURCE_FIELDS, clean_sources

SOURCE_INPUTS = [
    ("title", "text", "title", 40),
    ("publisher", "text", "publisher", 24),
    ("date", "text", "date", 10),
    ("url", "url", "web address", 40),
]
SOURCE_HEADINGS = ["Title", "Publisher", "Date (2022, 2022-11 or 2022-11-25)", "Web address"]


class SourcesWidget(forms.Widget):
    """A row of boxes per source (title, publisher, date, web address), plus a few empty rows to add more."""

    blank_rows = 3
    caption = (
        "One source per row, in the order the page cites them (#source-1 is the first). Empty rows are ignored; "
        "clear a row to remove it."
    )

    def render(self, name, value, attrs=None, renderer=None):
        rows = [row for row in (value if isinstance(value, list) else []) if isinstance(row, dict)]
        rows += [{}] * self.blank_rows
        body = format_html_join("", "<tr>{}</tr>", ((self.row_cells(name, n, row),) for n, row in enumerate(rows, 1)))
        head = format_html_join("", '<th scope="col">{}</th>', ((label,) for label in ("#", *SOURCE_HEADINGS)))
        return format_html(
            '<table class="app-sources-editor" id="{}"><caption>{}</caption><thead><tr>{}</tr></thead>'
            "<tbody>{}</tbody></table>",
            (attrs or {}).get("id", name),
            self.caption,
            head,
            body,
        )

    @staticmethod
    def row_cells(name, number, row):
        inputs = format_html_join(
            "",
            '<td><input type="{}" name="{}-{}-{}" value="{}" aria-label="Source {} {}" size="{}"></td>',
            (
                (kind, name, number, field, row.get(field, ""), number, label, size)
                for field, kind, label, size in SOURCE_INPUTS
            ),
        )
        return format_html("<td>{}</td>{}", number, inputs)

    def value_from_datadict(self, data, files, name):
        rows = []
        for number in range(1, MAX_SOURCES + self.blank_rows + 1):
            row = {field: data.get(f"{name}-{number}-{field}", "").strip() for field in SOURCE_FIELDS}
            if any(row.values()):
                rows.append(row)
        return rows

    def value_omitted_from_data(self, data, files, name):
        return not any(key.startswith(f"{name}-") for key in data)


class SourcesField(forms.Field):
    widget = SourcesWidget

    def clean(self, value):
        return clean_sources(value or [])

    def has_changed(self, initial, data):
        try:
            return clean_sources(initial or []) != clean_sources(data or [])
        except ValidationError:
            return True


class PublishedContentForm(forms.ModelForm):
    """Refuses a save when someone else saved the item after this form was opened."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    sources = SourcesField(
        required=False,
        label="Sources",
        help_text=PublishedContent._meta.get_field("sources").help_text,
    )

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
