import re
import uuid
from typing import NamedTuple

import reversion
from django.core.validators import RegexValidator
from django.db import connections, models
from django.db.models import Exists, OuterRef

from publishing.models import PublishedContent, PublishedContentQuerySet, published_rows_index
from sharedservices.links import slug_url

# /toolkit/<stage>/ shares its URL space with these pages, so no stage may take their slugs.
RESERVED_STAGE_SLUGS = {"templates", "examples"}

version_validator = RegexValidator(
    r"^\d{1,4}(\.\d{1,4}){0,3}$", "Use numbers separated by full stops, for example 1.0 or 2.3."
)


def lines(text):
    """Editor text with one entry per line, as a list (blank lines ignored)."""
    return [line.strip().lstrip("-•* ").strip() for line in (text or "").splitlines() if line.strip()]


class FileFormat(models.TextChoices):
    # Listed in the order readers see them: the open standard first.
    ODT = "odt", "OpenDocument text"
    ODS = "ods", "OpenDocument spreadsheet"
    DOCX = "docx", "Microsoft Word"
    XLSX = "xlsx", "Microsoft Excel"
    PDF = "pdf", "PDF document"


CONTENT_TYPES = {
    FileFormat.ODT: "application/vnd.oasis.opendocument.text",
    FileFormat.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.PDF: "application/pdf",
}
FORMAT_ORDER = {value: index for index, value in enumerate(FileFormat.values)}
# What get_format_display() gives, without building the choices' dict on every call (lists show many files).
FORMAT_LABELS = dict(FileFormat.choices)


class StageQuerySet(PublishedContentQuerySet):
    def in_order(self, now=None):
        return self.published(now).order_by("position", "title", "pk")


@reversion.register()
class Stage(PublishedContent):
    position = models.PositiveIntegerField(default=0, help_text="Where the stage comes on the path: 1 is Vision.")
    purpose = models.TextField(help_text="One paragraph: why this stage matters.")
    activities = models.TextField(blank=True, help_text="What the team does in this stage. One per line.")
    outputs = models.TextField(blank=True, help_text="What the stage should produce. One per line.")
    decision = models.CharField(max_length=300, blank=True, help_text="The question to answer before moving on.")
    checklist = models.TextField(blank=True, help_text="What to confirm before moving on. One per line.")
    related_questions = models.ManyToManyField(
        "faq.Question", blank=True, related_name="related_stages", help_text="FAQ answers readers may want."
    )

    objects = StageQuerySet.as_manager()

    class Meta(PublishedContent.Meta):
        ordering = ["position", "title", "pk"]
        verbose_name = "toolkit stage"

    def get_absolute_url(self):
        return slug_url("toolkit:stage", self.slug)

    @property
    def activity_list(self):
        return lines(self.activities)

    @property
    def output_list(self):
        return lines(self.outputs)

    @property
    def checklist_list(self):
        return lines(self.checklist)


class StageItem(PublishedContent):
    """Published content that belongs to one toolkit stage: a worked example or a template."""

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="%(class)ss")

    class Meta(PublishedContent.Meta):
        abstract = True
        indexes = [
            *PublishedContent.Meta.indexes,
            # One stage's published items in title order, and their count, read from this index alone.
            published_rows_index(
                fields=["stage", "title", "id"], with_go_live=True, name="toolkit_%(class)s_stage_idx"
            ),
        ]

    def get_absolute_url(self):
        return slug_url(f"toolkit:{self._meta.model_name}", self.slug)


class ExampleQuerySet(PublishedContentQuerySet):
    def for_stage(self, stage_id, now=None):
        """A stage's examples in title order, read from the stage's own index, with what a list shows of each."""
        return self.published(now).filter(stage_id=stage_id).only("title", "slug", "summary").order_by("title", "pk")


@reversion.register()
class Example(StageItem):
    organisation = models.CharField(max_length=200, blank=True, help_text="Who the example is about.")

    objects = ExampleQuerySet.as_manager()

    class Meta(StageItem.Meta):
        verbose_name = "worked example"


class Provenance(models.TextChoices):
    # Where a template came from, shown to readers as a claim of fact: choose only what happened.
    WRITTEN_FOR_TOOLKIT = "written-for-toolkit", "Written for this toolkit"
    EXAMPLE_MATERIAL = "example-material", "Example material"
    CO_DEVELOPED = "co-developed", "Co-developed"
    OUTPUT_TEMPLATE = "output-template", "Output template"


PROVENANCE_LABELS = dict(Provenance.choices)
PROVENANCE_HINTS = {
    Provenance.WRITTEN_FOR_TOOLKIT: (
        "Written for this toolkit by the Shared Services Team. Adapt it to your organisation."
    ),
    Provenance.EXAMPLE_MATERIAL: "From one organisation, as it used it. Adapt it to your own situation.",
    Provenance.CO_DEVELOPED: "Agreed across departments.",
    Provenance.OUTPUT_TEMPLATE: "A blank to fill in.",
}


def template_file_path(instance, filename):
    # Never the uploaded name: it can hold anything, and readers get a clean name on download.
    return f"templates/{uuid.uuid4().hex}.{instance.format}"


@reversion.register()
class TemplateFile(models.Model):
    """One stored file of a template. Never changed or deleted once stored, so every
    version a template has had stays downloadable from its history."""

    format = models.CharField(max_length=10, choices=FileFormat.choices)
    file = models.FileField(upload_to=template_file_path, max_length=200)
    size = models.PositiveBigIntegerField(help_text="In bytes.")
    sha256 = models.CharField(max_length=64)
    text = models.TextField(blank=True, help_text="The file's words, for search.")
    original_name = models.CharField(max_length=255, blank=True, help_text="The name it was uploaded with.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_format_display()} file, {self.size} bytes ({self.sha256[:12]})"

    @property
    def extension(self):
        return self.format

    @property
    def human_size(self):
        """The size as GOV.UK shows it on attachments: "812 bytes", "38 KB", "1.2 MB"."""
        if self.size is None:
            return ""
        if self.size < 1024:
            return f"{self.size} bytes"
        if self.size < 1024 * 1024:
            return f"{round(self.size / 1024)} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"

    @property
    def content_type(self):
        return CONTENT_TYPES[self.format]


class Download(NamedTuple):
    url: str
    label: str
    meta: str


def with_listed_files(templates):
    """Give each template its current files' format and size (what its downloads show), read in one query. Django's
    prefetching took about 1.3 ms for ten templates, most of it building querysets; this takes about 0.2."""
    templates = list(templates)
    by_id = {template.pk: template for template in templates}
    for template in templates:
        template.listed_files = []
    if not by_id:
        return templates
    db = templates[0]._state.db
    quote, field = connections[db].ops.quote_name, Template.files.field
    through, files = quote(field.m2m_db_table()), quote(TemplateFile._meta.db_table)
    template_id, file_id = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
    sql = (
        f"SELECT t.{template_id}, f.id, f.format, f.size FROM {through} t JOIN {files} f "  # noqa: S608 - model names
        f"ON f.id = t.{file_id} WHERE t.{template_id} IN ({', '.join(['%s'] * len(by_id))})"
    )
    with connections[db].cursor() as cursor:
        cursor.execute(sql, list(by_id))
        for template_id, *values in cursor.fetchall():
            by_id[template_id].listed_files.append(TemplateFile.from_db(db, ["id", "format", "size"], values))
    return templates


# What a list shows of each template (toolkit.attachments): reading no more keeps lists cheap.
TEMPLATE_LISTED = (
    "title", "slug", "summary", "stage", "provenance", "file_version", "first_published_at", "last_major_change_at",
)  # fmt: skip


class TemplateQuerySet(PublishedContentQuerySet):
    def for_stage(self, stage_id, now=None):
        """A stage's templates in title order, read from the stage's own index, without their bodies or files
        (see with_listed_files)."""
        return self.published(now).filter(stage_id=stage_id).only(*TEMPLATE_LISTED).order_by("title", "pk")

    def filtered(self, *, stages=(), formats=()):
        """Templates in any of the given stages (slugs) that offer any of the given formats."""
        queryset = self
        if stages:
            queryset = queryset.filter(stage__slug__in=stages)
        if formats:
            offered = Template.files.through.objects.filter(
                template_id=OuterRef("pk"), templatefile__format__in=formats
            )
            queryset = queryset.filter(Exists(offered))
        return queryset


@reversion.register(follow=["files"])
class Template(StageItem):
    provenance = models.CharField(max_length=20, choices=Provenance.choices, default=Provenance.OUTPUT_TEMPLATE)
    file_version = models.CharField(
        max_length=20,
        default="1.0",
        validators=[version_validator],
        help_text="Shown to readers and in the file name. Goes up by itself when you replace a file.",
    )
    files = models.ManyToManyField(
        TemplateFile,
        blank=True,
        related_name="templates",
        help_text="The current file in each format. Replaced files stay in the page's history.",
    )

    objects = TemplateQuerySet.as_manager()

    class Meta(StageItem.Meta):
        verbose_name = "toolkit template"

    @property
    def file_list(self):
        """Current files, open formats first (those with_listed_files read, else the template's files)."""
        files = self.__dict__.get("listed_files")
        return sorted(self.files.all() if files is None else files, key=lambda f: FORMAT_ORDER.get(f.format, 99))

    def downloads(self):
        """What a page lists of each current file: its download address, format name and "(FORMAT, size)" text."""
        return [
            Download(
                url=slug_url("toolkit:download", self.slug, f.format),
                label=FORMAT_LABELS.get(f.format, f.format),
                meta=f"{f.format.upper()}, {f.human_size}",
            )
            for f in self.file_list
        ]

    def file_for(self, file_format):
        return next((f for f in self.files.all() if f.format == file_format), None)

    @property
    def provenance_hint(self):
        return PROVENANCE_HINTS.get(self.provenance, "")

    def download_name(self, template_file):
        version = re.sub(r"[^0-9A-Za-z.]+", "-", self.file_version) or "1"
        return f"{self.slug}-v{version}.{template_file.extension}"

    def file_text(self):
        """The words inside the template's files, for the search index (each distinct text once)."""
        texts = []
        for text in TemplateFile.objects.filter(templates=self).order_by("format").values_list("text", flat=True):
            if text and text not in texts:
                texts.append(text)
        return "\n\n".join(texts)
