"""Demo-content loaders for the toolkit: stages, worked examples and templates with their files."""

import hashlib

from django.core.exceptions import ValidationError

from publishing.loaders import ContentError, PublishedContentLoader, as_slug_list
from toolkit.files.sources import DOCUMENT_FORMATS, SPREADSHEET_FORMATS, SourceError
from toolkit.files.storage import template_files_choose
from toolkit.files.validation import MAX_FILE_BYTES, check_file_bytes
from toolkit.models import RESERVED_STAGE_SLUGS, Example, FileFormat, Provenance, Stage, Template, lines

SOURCES_DIRECTORY = "toolkit/template-sources"
FILES_DIRECTORY = "files"  # beside the template files: toolkit/templates/files/<slug>-<version>.<ext>


def as_text_list(source, key):
    value = source.meta.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(source.path, f"'{key}' must be a list of sentences")
    return [v.strip() for v in value]


class StageLoader(PublishedContentLoader):
    directory = "toolkit/stages"
    model = Stage

    def validate(self, source, known):
        super().validate(source, known)
        meta = source.meta
        if source.slug in RESERVED_STAGE_SLUGS:
            raise ContentError(source.path, f"a stage cannot be called '{source.slug}': that address is taken")
        if not isinstance(meta.get("position"), int) or meta["position"] < 0:
            raise ContentError(source.path, "'position' must be a whole number: 1 for the first stage")
        if not str(meta.get("purpose") or "").strip():
            raise ContentError(source.path, "'purpose' is required")
        for key in ("activities", "outputs", "checklist"):
            as_text_list(source, key)
        if len(str(meta.get("decision") or "")) > 300:
            raise ContentError(source.path, "'decision' must be under 300 characters")
        self.check_related(source, known, "related_questions")
        # Guides name their stages (guidance loads Guide.related_stages), so related_guides is not loaded here.
        as_slug_list(source, "related_guides")

    def field_values(self, source, known):
        meta = source.meta
        return {
            **super().field_values(source, known),
            "position": meta["position"],
            "purpose": str(meta["purpose"]).strip(),
            "activities": "\n".join(as_text_list(source, "activities")),
            "outputs": "\n".join(as_text_list(source, "outputs")),
            "decision": str(meta.get("decision") or "").strip(),
            "checklist": "\n".join(as_text_list(source, "checklist")),
        }

    def set_relations(self, item, source):
        self.link_related(item, source, "related_questions")

    def export_items(self):
        return super().export_items().prefetch_related("related_questions")

    def export_meta(self, item):
        meta = self.export_common(item)
        meta.update(
            {
                "position": item.position,
                "purpose": item.purpose,
                "activities": lines(item.activities),
                "outputs": lines(item.outputs),
                "decision": item.decision,
                "checklist": lines(item.checklist),
                "related_questions": self.export_related(item, "related_questions"),
                # For readers of the file only: the guides' files own these links.
                "related_guides": sorted(item.related_guides.originals().values_list("slug", flat=True)),
            }
        )
        return meta, item.body


class ExampleLoader(PublishedContentLoader):
    directory = "toolkit/examples"
    model = Example

    def validate(self, source, known):
        super().validate(source, known)
        self.check_parent(source, known, "stage")
        if len(str(source.meta.get("organisation") or "")) > 200:
            raise ContentError(source.path, "'organisation' must be under 200 characters")

    def field_values(self, source, known):
        return {
            **super().field_values(source, known),
            "stage": self.parent(source, "stage"),
            "organisation": str(source.meta.get("organisation") or "").strip(),
        }

    def export_items(self):
        return super().export_items().select_related("stage")

    def export_meta(self, item):
        meta = self.export_common(item)
        meta.update({"stage": item.stage.slug, "organisation": item.organisation})
        return meta, item.body


class TemplateLoader(PublishedContentLoader):
    """Templates, with their files made from template-sources/ (or taken from an export's files/)."""

    directory = "toolkit/templates"
    model = Template

    def validate(self, source, known):
        super().validate(source, known)
        meta = source.meta
        self.check_parent(source, known, "stage")
        provenance = meta.get("provenance", Provenance.OUTPUT_TEMPLATE)
        if provenance not in Provenance.values:
            raise ContentError(source.path, f"'provenance' must be one of {', '.join(Provenance.values)}")
        version = self.version(source)
        try:
            Template._meta.get_field("file_version").run_validators(version)
        except ValidationError:
            raise ContentError(
                source.path, f"'version' must be numbers and full stops, like \"1.0\", not {version!r}"
            ) from None
        formats = meta.get("formats")
        if not isinstance(formats, list) or not formats:
            raise ContentError(source.path, f"'formats' must list at least one of {', '.join(FileFormat.values)}")
        unknown = [str(f) for f in formats if f not in FileFormat.values]
        if unknown:
            raise ContentError(source.path, f"unknown format {', '.join(unknown)} (use {', '.join(FileFormat.values)})")
        if len(set(formats)) != len(formats):
            raise ContentError(source.path, "'formats' lists a format twice")
        # Made here, during validation, so a bad source stops the load before anything is written.
        source.template_files = {f: self.checked_file(source, f, version) for f in formats}
        # The item counts as changed when its files change, even if its own file did not.
        digests = "".join(source.template_files[f].sha256 for f in formats)
        source.digest = hashlib.sha256((source.digest + digests).encode()).hexdigest()

    @staticmethod
    def version(source):
        return str(source.meta.get("version", "1.0")).strip()

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
        root = source.path.parent.parent.parent  # content/toolkit/templates/<slug>.md → content/
        if file_format in DOCUMENT_FORMATS:
            kind, path = "document", root / SOURCES_DIRECTORY / f"{source.slug}.document.md"
        elif file_format in SPREADSHEET_FORMATS:
            kind, path = "sheets", root / SOURCES_DIRECTORY / f"{source.slug}.sheets.yaml"
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

    def field_values(self, source, known):
        meta = source.meta
        return {
            **super().field_values(source, known),
            "stage": self.parent(source, "stage"),
            "provenance": meta.get("provenance", Provenance.OUTPUT_TEMPLATE),
            "file_version": self.version(source),
        }

    def set_relations(self, item, source):
        current = {f.format: f for f in item.files.all()}
        wanted = {f: current[f] for f in current if f in source.template_files}
        chosen = template_files_choose(current=wanted, checked_files=source.template_files)
        # Files no longer listed leave the template but stay stored, so history can still reach them.
        item.files.set(chosen.values())

    def export_items(self):
        return super().export_items().select_related("stage").prefetch_related("files")

    def export_meta(self, item):
        meta = self.export_common(item)
        meta.update(
            {
                "stage": item.stage.slug,
                "provenance": item.provenance,
                "version": item.file_version,
                "formats": [f.format for f in item.file_list],
            }
        )
        return meta, item.body

    def export_item(self, root, item):
        super().export_item(root, item)
        folder = root / self.directory / FILES_DIRECTORY
        folder.mkdir(parents=True, exist_ok=True)
        for template_file in item.file_list:
            with template_file.file.open("rb") as stored:
                (folder / f"{item.slug}-{item.file_version}.{template_file.format}").write_bytes(stored.read())
