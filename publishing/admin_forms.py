"""The forms of the content admin: the change form's stale-edit guard and the workflow actions' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from publishing.dates import datetime_text
from publishing.models import ChangeType, PublishedContent, normalise_text
from publishing.sources import MAX_SOURCES, SOURCE_FIELDS, clean_sources

SOURCE_INPUTS = [
    ("title", "text", "title", 40),
    ("publisher", "text", "publisher", 24),
    ("date", "text", "date", 10),
    ("url", "url", "web address", 40),
]
SOURCE_HEADINGS = ["Title", "Publisher", "Date (2022, 2022-11 or 2022-11-25)", "Web address"]


class NormalisedTextField(forms.CharField):
    """A text box whose untouched text never counts as changed (browsers send \\r\\n and drop a final newline)."""

    def to_python(self, value):
        return normalise_text(super().to_python(value))

    def has_changed(self, initial, data):
        return normalise_text(initial) != self.to_python(data)


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
        if cleaned.get("change_type") == ChangeType.MAJOR and not (cleaned.get("change_note") or "").strip():
            self.add_error(
                "change_note",
                "A major change needs a public change note: say in one sentence what changed for readers, "
                "or choose a minor change.",
            )
        instance = self.instance
        if instance.pk:
            # Inside the admin's transaction: lock the row so two saves cannot both pass.
            current = type(instance).objects.select_for_update().filter(pk=instance.pk).first()
            seen = cleaned.get("seen_version")
            if current is not None and seen is not None and current.version != seen:
                who = current.updated_by.get_username() if current.updated_by else "someone else"
                when = datetime_text(current.updated_at)
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


def words_changed(form):
    """Whether the person changed anything of the item itself (not just the form's bookkeeping)."""
    return any(name != "seen_version" for name in form.changed_data)


class PublishedContentListForm(forms.ModelForm):
    """The editable columns of a change list. A change to a live item there makes a draft, like the full form."""

    def clean(self):
        cleaned = super().clean()
        live = self.instance
        if self.has_changed() and live.is_live and type(live).objects.filter(draft_of=live).exists():
            raise ValidationError("This item already has a draft. Make the change in the draft instead.")
        return cleaned


DATETIME_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M"]
UK_TIME = "UK time (GMT, or BST in summer). Format: 2026-12-01 09:00."


class PublishActionForm(forms.Form):
    """When the item goes live. For a change to a page still waiting for its go-live time, the choice
    defaults to keeping that time, so a correction never puts a page live early."""

    when = forms.ChoiceField(widget=forms.RadioSelect, label="When should it go live?")
    publish_at = forms.DateTimeField(
        required=False, label="Go-live date and time", help_text=UK_TIME, input_formats=DATETIME_FORMATS
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why you are publishing your own change",
        help_text="You changed this page, so normally another publisher must publish it. "
        "As a superuser you may, with a reason: it is recorded in the workflow log.",
    )

    def __init__(self, *args, item, own_change=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.embargo = item.draft_of.publish_at if not item.is_original and item.draft_of.is_scheduled else None
        choices = [("now", "Now"), ("later", "At a date and time")]
        if self.embargo:
            choices.insert(0, ("keep", f"At its scheduled time, {datetime_text(self.embargo)}"))
        elif not item.is_original:
            choices = [("now", "Now")]  # a change to a page readers already see goes live when published
        self.fields["when"].choices = choices
        self.fields["when"].initial = choices[0][0]
        if not own_change:
            del self.fields["reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == "later" and not cleaned.get("publish_at"):
            self.add_error("publish_at", "Enter the date and time it should go live.")
        return cleaned

    def go_live_at(self):
        """The time to pass to the workflow: None keeps a scheduled page's embargo (or, for a new page, means now)."""
        choice = self.cleaned_data["when"]
        if choice == "now":
            return timezone.now()
        return self.cleaned_data.get("publish_at") if choice == "later" else None


class RescheduleActionForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="New go-live date and time",
        help_text=UK_TIME + " A time that has already passed publishes the page now.",
        input_formats=DATETIME_FORMATS,
    )


class ConfirmActionForm(forms.Form):
    next_review = forms.DateField(
        required=False,
        label="Next review due (optional)",
        help_text="Leave empty for six months from today. Format: 2027-05-31.",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


class WithdrawActionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Public reason for withdrawing",
        help_text="Readers who follow an old link see this, with the date.",
    )


class NoteActionForm(forms.Form):
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Note for the editor")
