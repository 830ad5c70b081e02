"""Content-file loaders for the toolkit: stages, worked examples and templates with their files."""

import hashlib

from django.core.exceptions import ValidationError

from publishing.content_fields import Choice, Field, Invalid, Lines, Mirror, Number, Parent, Related, Text
from publishing.loaders import ContentError, PublishedContentLoader
from toolkit.files.sources import DOCUMENT_FORMATS, SPREADSHEET_FORMATS, SourceError
from toolkit.files.storage import template_files_choose
from toolkit.files.validation import MAX_FILE_BYTES, check_file_bytes
from toolkit.models import RESERVED_STAGE_SLUGS, Example, FileFormat, Provenance, Stage, Template

SOURCES_DIRECTORY = "toolkit/template-sources"
FILES_DIRECTORY = "files"  # beside the template files: toolkit/templates/files/<slug>-<version>.<ext>


class StageLoader(PublishedContentLoader):
    directory = "toolkit/stages"
    model = Stage
    fields = (
        *PublishedContentLoader.fields,
        Number("position", required=True),
        Text("purpose", required=True),
        Text("decision", max_length=300),
        *(Lines(name) for name in ("activities", "outputs", "checklist")),
        Related("related_questions"),
        # For readers of the file only: the guides' files own these links.
        Mirror("related_guides"),
    )

    def check(self, source, known):
        if source.slug in RESERVED_STAGE_SLUGS:
            raise Invalid(f"a stage cannot be called '{source.slug}': that address is taken")


class ExampleLoader(PublishedContentLoader):
    directory = "toolkit/examples"
    model = Example
    fields = (*PublishedContentLoader.fields, Parent("stage"), Text("organisation", max_length=200))


class Version(Text):
    def from_file(self, raw, known):
        version = str(raw).strip()
        try:
            Template._meta.get_field("file_version").run_validators(version)
        except ValidationError:
            raise Invalid(f"'{self.key}' must be numbers and full stops, like \"1.0\", not {version!r}") from None
        return version


class Formats(Field):
    """The formats of a template's files. The files themselves are chosen once every item exists."""

    phase = None

    def read(self, source, known):
        formats = source.meta.get(self.key)
        if not isinstance(formats, list):
            raise Invalid(f"'{self.key}' must list the file formats, from {', '.join(FileFormat.values)}")
        unknown = [str(f) for f in formats if f not in FileFormat.values]
        if unknown:
            raise Invalid(f"unknown format {', '.join(unknown)} (use {', '.join(FileFormat.values)})")
        if len(set(formats)) != len(formats):
            raise Invalid(f"'{self.key}' lists a format twice")
        return formats

    def current(self, item):
        return [template_file.format for template_file in item.file_list]

    def write(self, item, meta):
        meta[self.key] = self.current(item)


class UploadedAs(Field):
    """The names an editor's files were uploaded with, by format (the admin shows them)."""

    phase = None

    def __init__(self, key, **options):
        super().__init__(key, default={}, **options)

    def from_file(self, raw, known):
        if not isinstance(raw, dict) or not all(isinstance(name, str) for name in raw.values()):
            raise Invalid(f"'{self.key}' must give a file name for each format, like 'odt: plan.odt'")
        return raw

    def current(self, item):
        return {f.format: f.original_name for f in item.file_list if f.original_name}


class TemplateLoader(PublishedContentLoader):
    """Templates, with their files made from template-sources/ (or taken from an export's files/)."""

    directory = "toolkit/templates"
    model = Template
    fields = (
        *PublishedContentLoader.fields,
        Parent("stage"),
        Choice("provenance", Provenance.values, default=Provenance.OUTPUT_TEMPLATE, always=True),
        Version("version", "file_version", default="1.0", always=True),
        Formats("formats"),
        UploadedAs("uploaded_as"),
    )

    def check(self, source, known):
        formats, version = source.values["formats"], source.values["version"]
        # Made here, during validation, so a bad source stops the load before anything is written.
        source.template_files = {f: self.checked_file(source, f, version) for f in formats}
        # The item counts as changed when its files change, even if its own file did not.
        digests = "".join(source.template_files[f].sha256 for f in formats)
        source.digest = hashlib.sha256((source.digest + digests).encode()).hexdigest()

    def checked_file(self, source, file_format, version):
        exported = source.path.parent / FILES_DIRECTORY / f"{source.slug}-{version}.{file_format}"
        if exported.is_file():
            path = exported
            if exported.stat().st_size > MAX_FILE_BYTES:
                raise ContentError(path, "the file is larger than the 20 MB limit")
            data = exported.read_bytes()
        else:
            path, data = self.generated_file(source, file_format, version)
        try:
            return check_file_bytes(data, file_format)
        except ValidationError as error:
            raise ContentError(path, " ".join(error.messages)) from None

    def generated_file(self, source, file_format, version):
        if file_format in DOCUMENT_FORMATS:
            kind, path = "document", source.root / SOURCES_DIRECTORY / f"{source.slug}.document.md"
        elif file_format in SPREADSHEET_FORMATS:
            kind, path = "sheets", source.root / SOURCES_DIRECTORY / f"{source.slug}.sheets.yaml"
        else:
            raise ContentError(
                source.path,
                f"a {file_format} file cannot be made from a source: put it in "
                f"{FILES_DIRECTORY}/{source.slug}-{version}.{file_format} beside this file",
            )
        if not path.is_file():
            raise ContentError(
                source.path,
                f"no source for the {file_format} file: add {SOURCES_DIRECTORY}/{path.name} "
                f"or {FILES_DIRECTORY}/{source.slug}-{version}.{file_format}",
            )
        # Imported here: only loading needs odfpy, python-docx and openpyxl, not every server process.
        from toolkit.files.generation import generate

        try:
            return path, generate(kind, path.read_text(encoding="utf-8"), file_format, str(source.meta["title"]))
        except SourceError as error:
            raise ContentError(path, str(error)) from None

    def link(self, loaded):
        super().link(loaded)
        for source, item in loaded:
            current = {f.format: f for f in item.files.all()}
            wanted = {f: current[f] for f in current if f in source.template_files}
            chosen = template_files_choose(
                current=wanted, checked_files=source.template_files, original_names=source.values["uploaded_as"]
            )
            # Files no longer listed leave the template but stay stored, so history can still reach them.
            item.files.set(chosen.values())

    def export_item(self, root, item):
        super().export_item(root, item)
        folder = root / self.directory / FILES_DIRECTORY
        for template_file in item.file_list:
            folder.mkdir(parents=True, exist_ok=True)
            with template_file.file.open("rb") as stored:
                (folder / f"{item.slug}-{item.file_version}.{template_file.format}").write_bytes(stored.read())
