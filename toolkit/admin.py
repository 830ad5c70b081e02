from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from publishing.admin import PublishedContentAdmin, PublishedContentForm
from toolkit.files.storage import file_response, next_file_version, template_files_choose
from toolkit.files.validation import MAX_FILE_BYTES, check_upload, human_megabytes
from toolkit.models import RESERVED_STAGE_SLUGS, Example, FileFormat, Stage, Template, TemplateFile

UPLOAD_FIELDS = {file_format: f"upload_{file_format}" for file_format in FileFormat.values}


class StageForm(PublishedContentForm):
    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_STAGE_SLUGS:
            raise ValidationError(f"“{slug}” is already used by another toolkit page. Choose another address.")
        return slug


@admin.register(Stage)
class StageAdmin(PublishedContentAdmin):
    form = StageForm
    list_display = ["title", "position", "status_label", "owner", "review_due", "last_changed"]
    list_editable = ["position"]
    ordering = ["position", "title"]
    content_fields = [
        "title", "slug", "summary", "position", "purpose", "activities", "outputs", "decision", "checklist",
        "body", "related_questions",
    ]  # fmt: skip
    filter_horizontal = ["topics"]
    autocomplete_fields = ["related_questions"]


@admin.register(Example)
class ExampleAdmin(PublishedContentAdmin):
    list_display = ["title", "stage", "organisation", "status_label", "owner", "review_due", "last_changed"]
    list_filter = [*PublishedContentAdmin.list_filter, "stage"]
    list_select_related = [*PublishedContentAdmin.list_select_related, "stage"]
    content_fields = ["title", "slug", "summary", "body", "stage", "organisation"]


class TemplateForm(PublishedContentForm):
    """Adds a file box per format. A file is accepted only if its content is that format."""

    upload_odt = forms.FileField(required=False, label="OpenDocument text file (.odt)")
    upload_ods = forms.FileField(required=False, label="OpenDocument spreadsheet (.ods)")
    upload_docx = forms.FileField(required=False, label="Microsoft Word file (.docx)")
    upload_xlsx = forms.FileField(required=False, label="Microsoft Excel file (.xlsx)")
    upload_pdf = forms.FileField(required=False, label="PDF file (.pdf)")
    remove_formats = forms.MultipleChoiceField(
        required=False,
        choices=FileFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Stop offering these files",
        help_text="The file stays in the page's history, so it can be restored.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked_files = {}
        self.original_names = {}
        for name in UPLOAD_FIELDS.values():
            if name in self.fields:
                self.fields[
                    name
                ].help_text = f"Choose a file to add or replace it. Up to {human_megabytes(MAX_FILE_BYTES)}."

    def _clean_upload(self, file_format):
        upload = self.cleaned_data.get(UPLOAD_FIELDS[file_format])
        if upload:
            try:
                self.checked_files[file_format] = check_upload(upload, file_format)
            except ValidationError as error:
                kept = " The current file is kept." if self.instance.pk and self.instance.file_for(file_format) else ""
                raise ValidationError(" ".join(error.messages) + kept, code=error.code) from None
            self.original_names[file_format] = upload.name
        return upload

    def clean_upload_odt(self):
        return self._clean_upload(FileFormat.ODT)

    def clean_upload_ods(self):
        return self._clean_upload(FileFormat.ODS)

    def clean_upload_docx(self):
        return self._clean_upload(FileFormat.DOCX)

    def clean_upload_xlsx(self):
        return self._clean_upload(FileFormat.XLSX)

    def clean_upload_pdf(self):
        return self._clean_upload(FileFormat.PDF)

    def clean(self):
        cleaned = super().clean()
        removed = set(cleaned.get("remove_formats") or [])
        both = removed & set(self.checked_files)
        if both:
            raise ValidationError("You chose a new file and also asked to stop offering that format. Choose one.")
        if any(f"upload_{f}" in self.errors for f in FileFormat.values):
            return cleaned  # the file's own message says what is wrong; the existing files are kept
        current = set(self.instance.files.values_list("format", flat=True)) if self.instance.pk else set()
        if not (current - removed) | set(self.checked_files):
            raise ValidationError("A template needs at least one file for readers to download.")
        return cleaned


@admin.register(Template)
class TemplateAdmin(PublishedContentAdmin):
    form = TemplateForm
    list_display = ["title", "stage", "provenance", "file_version", "formats", "status_label", "last_changed"]
    list_filter = [*PublishedContentAdmin.list_filter, "stage", "provenance"]
    list_select_related = [*PublishedContentAdmin.list_select_related, "stage"]
    readonly_fields = [*PublishedContentAdmin.readonly_fields, "current_files"]
    content_fields = ["title", "slug", "summary", "body", "stage", "provenance", "file_version"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("files")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        files = (
            "Files",
            {
                "fields": ["current_files", *UPLOAD_FIELDS.values(), "remove_formats"],
                "description": "Readers can download these files. A file is accepted only if it really is the "
                "format of its box. Replacing a file moves the version on (1.0 becomes 1.1); "
                "the old file stays in the page's history.",
            },
        )
        return [*fieldsets[:2], files, *fieldsets[2:]]

    @admin.display(description="Formats")
    def formats(self, obj):
        return ", ".join(f.format.upper() for f in obj.file_list) or "None"

    @admin.display(description="Current files")
    def current_files(self, obj):
        if not obj or not obj.pk or not obj.files.exists():
            return "No files yet."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{} bytes</td><td><code>{}</code></td><td>{}</td>"
            '<td><a href="{}">Download</a></td></tr>',
            (
                (
                    f.get_format_display(),
                    f.size,
                    f.sha256[:16],
                    f.original_name or "Generated from the demo content",
                    reverse("admin:toolkit_template_file", args=[obj.pk, f.pk]),
                )
                for f in obj.file_list
            ),
        )
        return format_html(
            "<table><thead><tr><th>Format</th><th>Size</th><th>SHA-256 (start)</th><th>Uploaded as</th>"
            "<th></th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def save_model(self, request, obj, form, change):
        previous = {f.format: f for f in obj.files.all()} if change and obj.pk else {}
        replaced = [
            file_format
            for file_format, checked in form.checked_files.items()
            if file_format in previous and previous[file_format].sha256 != checked.sha256
        ]
        if replaced and "file_version" not in form.changed_data:
            obj.file_version = next_file_version(obj.file_version)
        form.previous_files = previous
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        removed = set(form.cleaned_data.get("remove_formats") or [])
        kept = {f: tf for f, tf in getattr(form, "previous_files", {}).items() if f not in removed}
        chosen = template_files_choose(
            current=kept, checked_files=form.checked_files, original_names=form.original_names
        )
        # Old files are never deleted: the page's history refers to them.
        form.instance.files.set(chosen.values())

    def get_urls(self):
        extra = [
            path(
                "<path:object_id>/files/<int:file_id>/",
                self.admin_site.admin_view(self.file_view),
                name="toolkit_template_file",
            )
        ]
        return extra + super().get_urls()

    def file_view(self, request, object_id, file_id):
        """Let editors open any stored file of a template, including drafts' files and replaced ones."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such template")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        template_file = get_object_or_404(TemplateFile, pk=file_id)
        return file_response(template_file, f"{obj.slug}-file-{template_file.pk}.{template_file.format}")
