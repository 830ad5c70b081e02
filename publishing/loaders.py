"""Demo content as Markdown files with YAML front matter: loading and exporting.

Each content app registers its loaders (its ``loaders.py``) with its kind in publishing.registry.
Loading validates every file first and writes nothing if any file is bad;
then it creates what is missing and updates only items that no editor has
changed since they were loaded.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import reversion
import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from publishing import registry
from publishing.models import Audience, ChangeNote, LoadedContent, Status, Topic
from publishing.sources import clean_sources

SUMMARY_LIMIT = 300


class ContentError(Exception):
    def __init__(self, path, problem):
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")


@dataclass
class SourceFile:
    path: Path
    slug: str
    meta: dict
    body: str
    digest: str
    loader: "ContentLoader" = field(repr=False, default=None)


def read_source(path):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ContentError(path, "the file must start with front matter between two '---' lines")
    parts = text.split("\n---", 1)
    if len(parts) != 2:
        raise ContentError(path, "the front matter is not closed by a '---' line")
    header, body = parts[0][3:], parts[1]
    body = body.split("\n", 1)[1] if "\n" in body else ""
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as error:
        raise ContentError(path, f"the front matter is not valid YAML ({error.problem or error})") from None
    if not isinstance(meta, dict):
        raise ContentError(path, "the front matter must be a set of 'key: value' lines")
    slug = str(meta.pop("slug", None) or path.stem)
    if slugify(slug) != slug:
        raise ContentError(path, f"the slug '{slug}' must be lower case letters, numbers and hyphens")
    digest = hashlib.sha256(text.encode()).hexdigest()
    return SourceFile(path=path, slug=slug, meta=meta, body=body.strip() + "\n", digest=digest)


def write_source(path, meta, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"---\n{header}---\n{body.strip()}\n", encoding="utf-8")


def as_date(source, key, value):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ContentError(source.path, f"'{key}' must be a date like 2027-01-31, not {value!r}") from None


def as_datetime(source, key, value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    try:
        parsed = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        raise ContentError(source.path, f"'{key}' must be a date and time like 2026-11-26T09:00:00+00:00") from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def as_slug_list(source, key):
    value = source.meta.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(source.path, f"'{key}' must be a list of slugs")
    return value


def history_period(source):
    """The period a history-mode page describes (front matter ``history: {period: "2005 to 2010"}``), or ""."""
    history = source.meta.get("history")
    if history is None:
        return ""
    period = history.get("period") if isinstance(history, dict) else None
    if not isinstance(period, str) or not period.strip() or len(period) > 60:
        raise ContentError(source.path, "'history' needs a 'period' of at most 60 characters, like \"2005 to 2010\"")
    return period.strip()


def cited_sources(source):
    """The item's ``sources:`` list, checked: each with a title, publisher, date and web address."""
    entries = source.meta.get("sources") or []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("date"), datetime.date):
            entry["date"] = entry["date"].isoformat()  # YAML reads an unquoted 2022-11-25 as a date
    try:
        return clean_sources(entries)
    except ValidationError as error:
        raise ContentError(source.path, f"'sources': {' '.join(error.messages)}") from None


class ContentLoader:
    """Loads one kind of item from one folder. Subclasses name the model and extra fields."""

    directory = ""
    model = None

    def sources(self, root):
        folder = root / self.directory
        return sorted(folder.glob("*.md")) if folder.is_dir() else []

    def validate(self, source, known):
        """Raise ContentError for anything wrong with the file; known maps each loaded model to its slugs."""

    def field_values(self, source, known):
        raise NotImplementedError

    def before_save(self, item, source, now):
        """Anything the item needs from the file beyond field_values, before it is saved."""

    def after_save(self, item, source):
        """Links the item needs as soon as it is saved (its topics, its history)."""

    def set_relations(self, item, source):
        """Second pass, once every item exists: links between items."""

    def find_existing(self, slug):
        return self.model.objects.filter(slug=slug).first()

    def export_items(self):
        return self.model.objects.order_by("pk")

    def export_meta(self, item):
        raise NotImplementedError

    def export_path(self, root, item):
        return root / self.directory / f"{item.slug}.md"

    def export_item(self, root, item):
        meta, body = self.export_meta(item)
        write_source(self.export_path(root, item), meta, body)


class TitledListLoader(ContentLoader):
    """Loads a simple ordered list entry: a title, a one-line summary and a position (topics, categories)."""

    def validate(self, source, known):
        if not str(source.meta.get("title") or "").strip():
            raise ContentError(source.path, "'title' is required")

    def field_values(self, source, known):
        meta = source.meta
        return {
            "title": str(meta["title"]).strip(),
            "summary": str(meta.get("summary") or "").strip(),
            "position": int(meta.get("position") or 0),
        }

    def export_meta(self, item):
        return {"title": item.title, "summary": item.summary, "position": item.position}, ""


class TopicLoader(TitledListLoader):
    directory = "topics"
    model = Topic


class PublishedContentLoader(ContentLoader):
    """Loads the fields every published item shares; subclasses add their own."""

    def validate(self, source, known):
        meta = source.meta
        for key in ("title", "summary"):
            if not str(meta.get(key) or "").strip():
                raise ContentError(source.path, f"'{key}' is required")
        if len(str(meta["summary"])) > SUMMARY_LIMIT:
            raise ContentError(source.path, f"'summary' must be under {SUMMARY_LIMIT} characters")
        if meta.get("audience", Audience.EVERYONE) not in Audience.values:
            raise ContentError(source.path, f"'audience' must be one of {', '.join(Audience.values)}")
        if meta.get("status", Status.PUBLISHED) not in Status.values:
            raise ContentError(source.path, f"'status' must be one of {', '.join(Status.values)}")
        unknown = [t for t in as_slug_list(source, "topics") if t not in known[Topic]]
        if unknown:
            raise ContentError(source.path, f"unknown topic {', '.join(unknown)}")
        as_date(source, "review_due", meta.get("review_due"))
        as_date(source, "last_reviewed", meta.get("last_reviewed"))
        history_period(source)
        cited_sources(source)
        for key in ("publish_at", "first_published", "last_updated", "withdrawn_at"):
            as_datetime(source, key, meta.get(key))

    def field_values(self, source, known):
        meta = source.meta
        return {
            "title": str(meta["title"]).strip(),
            "summary": str(meta["summary"]).strip(),
            "body": source.body,
            "audience": meta.get("audience", Audience.EVERYONE),
            "owner": str(meta.get("owner") or "Shared Services Team"),
            "review_due": as_date(source, "review_due", meta.get("review_due")),
            "last_reviewed": as_date(source, "last_reviewed", meta.get("last_reviewed")),
            "history_period": history_period(source),
            "sources": cited_sources(source),
        }

    def before_save(self, item, source, now):
        self.apply_publication(item, source, now)

    def after_save(self, item, source):
        self.set_common_relations(item, source)
        self.record_history(item, source)

    def set_common_relations(self, item, source):
        item.topics.set(Topic.objects.filter(slug__in=as_slug_list(source, "topics")))

    def apply_publication(self, item, source, now):
        meta = source.meta
        item.status = meta.get("status", Status.PUBLISHED)
        if item.status in (Status.PUBLISHED, Status.WITHDRAWN):
            item.publish_at = as_datetime(source, "publish_at", meta.get("publish_at")) or now
            item.first_published_at = (
                as_datetime(source, "first_published", meta.get("first_published")) or item.publish_at
            )
            item.last_major_change_at = (
                as_datetime(source, "last_updated", meta.get("last_updated")) or item.first_published_at
            )
            item.review_due = item.review_due or item.default_review_due(item.publish_at)
        if item.status == Status.WITHDRAWN:
            item.withdrawn_at = as_datetime(source, "withdrawn_at", meta.get("withdrawn_at")) or now
            item.withdrawal_reason = str(meta.get("withdrawal_reason") or "")

    def record_history(self, item, source):
        if item.first_published_at is None:
            return
        content_type = ContentType.objects.get_for_model(item)
        ChangeNote.objects.filter(content_type=content_type, object_id=item.pk).delete()
        history = source.meta.get("change_history") or [
            {"date": item.first_published_at.isoformat(), "note": "First published."}
        ]
        for entry in history:
            ChangeNote.objects.create(
                content_type=content_type,
                object_id=item.pk,
                changed_at=as_datetime(source, "change_history", entry.get("date")),
                note=str(entry.get("note") or ""),
            )

    def find_existing(self, slug):
        return self.model.objects.originals().filter(slug=slug).first()

    def export_items(self):
        return self.model.objects.originals().order_by("pk").prefetch_related("topics")

    def related_model(self, field_name):
        return self.model._meta.get_field(field_name).related_model

    def check_parent(self, source, known, field_name):
        """The required slug under field_name must name an item of the model that field points at."""
        slug = source.meta.get(field_name)
        if not slug:
            raise ContentError(source.path, f"'{field_name}' is required")
        if slug not in known[self.related_model(field_name)]:
            raise ContentError(source.path, f"unknown {field_name} '{slug}'")

    def check_related(self, source, known, field_name):
        """Every slug listed under field_name must name an item of the model that field links to."""
        model = self.related_model(field_name)
        missing = [slug for slug in as_slug_list(source, field_name) if slug not in known[model]]
        if missing:
            raise ContentError(
                source.path, f"'{field_name}' names unknown {model._meta.verbose_name} {', '.join(missing)}"
            )

    def parent(self, source, field_name):
        return self.related_model(field_name).objects.originals().get(slug=source.meta[field_name])

    def link_related(self, item, source, field_name):
        """Second pass: point field_name at the items the file lists (their live rows, never a pending draft)."""
        slugs = as_slug_list(source, field_name)
        getattr(item, field_name).set(self.related_model(field_name).objects.originals().filter(slug__in=slugs))

    def export_related(self, item, field_name):
        return sorted(related.slug for related in getattr(item, field_name).all() if related.is_original)

    def export_common(self, item):
        meta = {
            "title": item.title,
            "summary": item.summary,
            "audience": item.audience,
            "topics": [t.slug for t in item.topics.all()],
            "owner": item.owner,
            "status": item.status,
        }
        if item.review_due:
            meta["review_due"] = item.review_due.isoformat()
        if item.last_reviewed:
            meta["last_reviewed"] = item.last_reviewed.isoformat()
        for key, value in (
            ("publish_at", item.publish_at),
            ("first_published", item.first_published_at),
            ("last_updated", item.last_major_change_at),
            ("withdrawn_at", item.withdrawn_at),
        ):
            if value:
                meta[key] = value.isoformat()
        if item.withdrawal_reason:
            meta["withdrawal_reason"] = item.withdrawal_reason
        if item.history_period:
            meta["history"] = {"period": item.history_period}
        if item.sources:
            meta["sources"] = item.sources
        notes = item.change_notes.order_by("changed_at", "id")
        if notes:
            meta["change_history"] = [{"date": n.changed_at.isoformat(), "note": n.note} for n in notes]
        return meta


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    kept_editor_changes: list = field(default_factory=list)


def read_all(root, loaders):
    """Parse and validate every file; raise ContentError naming the first bad file."""
    known = {}
    by_loader = []
    for loader in loaders:
        sources, seen = [], {}
        for path in loader.sources(root):
            source = read_source(path)
            source.loader = loader
            if source.slug in seen:
                raise ContentError(path, f"duplicate slug '{source.slug}' (also {seen[source.slug]})")
            seen[source.slug] = path
            sources.append(source)
        existing = set(loader.model.objects.values_list("slug", flat=True))
        known[loader.model] = existing | set(seen)
        by_loader.append((loader, sources))
    for loader, sources in by_loader:
        for source in sources:
            loader.validate(source, known)
    return by_loader, known


def content_load(*, root, now=None):
    """Load every demo-content file under root. All or nothing."""
    now = now or timezone.now()
    report = LoadReport()
    by_loader, known = read_all(Path(root), registry.loaders())
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment("Loaded from demo content")
        loaded = []
        for loader, sources in by_loader:
            for source in sources:
                item = _load_one(loader, source, known, now, report)
                if item is not None:
                    loaded.append((loader, source, item))
        for loader, source, item in loaded:
            loader.set_relations(item, source)
    return report


def _load_one(loader, source, known, now, report):
    content_type = ContentType.objects.get_for_model(loader.model)
    item = loader.find_existing(source.slug)
    if item is not None and not _file_wins(item, source, content_type, report):
        return None
    values = loader.field_values(source, known)
    if item is None:
        item = loader.model(slug=source.slug, **values)
        report.created.append(source.path)
    else:
        for name, value in values.items():
            setattr(item, name, value)
        if hasattr(item, "version"):
            item.version += 1
        report.updated.append(source.path)
    loader.before_save(item, source, now)
    item.save()
    loader.after_save(item, source)
    LoadedContent.objects.update_or_create(
        content_type=content_type,
        object_id=item.pk,
        defaults={
            "source": str(source.path),
            "source_hash": source.digest,
            "loaded_version": getattr(item, "version", 0),
        },
    )
    return item


def _file_wins(item, source, content_type, report):
    """Whether an existing item should take the file's content: only if it is as loaded and the file changed."""
    record = LoadedContent.objects.filter(content_type=content_type, object_id=item.pk).first()
    if record is None or record.loaded_version != getattr(item, "version", 0):
        # Created or changed by an editor in the admin: theirs wins.
        report.kept_editor_changes.append(source.path)
        return False
    if record.source_hash == source.digest:
        report.unchanged.append(source.path)
        return False
    return True


def content_export(*, root):
    root = Path(root)
    count = 0
    for loader in registry.loaders():
        for item in loader.export_items():
            loader.export_item(root, item)
            count += 1
    return count
