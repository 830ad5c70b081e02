"""Content as files: Markdown with YAML front matter, loaded into the database and exported from it.

Each app registers its loaders with its kind in publishing.registry. A loader lists the fields of its
files once (publishing.content_fields), and loading and exporting both follow that list. Each kind's
pending drafts live in a drafts/ folder beside its items, and lists without slugs (search synonyms,
best bets) in one YAML file each.

Loading checks every file first and writes nothing if any is bad; then it creates what is missing and
updates only items that no editor has changed since they were loaded. Exporting, loading the export into
an empty database and exporting again gives the same files, byte for byte.
"""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import reversion
import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone

from publishing import registry
from publishing.content_fields import (
    AFTER_SAVE,
    BEFORE_SAVE,
    LINKS,
    MISSING,
    ChangeHistory,
    Choice,
    Date,
    History,
    Invalid,
    Lines,
    Moment,
    Number,
    OldSlugs,
    Sources,
    Text,
    Topics,
    originals,
    slug_list,
)
from publishing.models import DEFAULT_OWNER, LIVE_STATUSES, Audience, ChangeType, LoadedContent, Status, Topic

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
    root: Path | None = None  # the content folder the file was read from
    where: str = ""  # which entry of a list file, for messages ("best bet 2: ")
    values: dict = field(default_factory=dict)  # what each field read from the file, by key


class ContentDumper(yaml.SafeDumper):
    """YAML for content files: text over several lines as a literal block, which reads like the text itself."""

    def ignore_aliases(self, data):
        return True


def _represent_text(dumper, text):
    # PyYAML falls back to a quoted string whenever a block could not give the text back exactly.
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


ContentDumper.add_representer(str, _represent_text)


def dump_yaml(data):
    return yaml.dump(data, Dumper=ContentDumper, sort_keys=False, allow_unicode=True, width=100)


def read_text(path):
    try:
        # Read as bytes, so a body keeps the line ends it was written with (a browser sends \r\n).
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "the file is not UTF-8 text") from None


def read_source(path):
    text = read_text(path)
    if not text.startswith("---"):
        raise ContentError(path, "the file must start with front matter between two '---' lines")
    parts = text.split("\n---", 1)
    if len(parts) != 2:
        raise ContentError(path, "the front matter is not closed by a '---' line")
    header, rest = parts[0][3:], parts[1]
    body = rest.split("\n", 1)[1] if "\n" in rest else ""
    meta = read_yaml(path, header)
    if not isinstance(meta, dict):
        raise ContentError(path, "the front matter must be a set of 'key: value' lines")
    slug = str(meta.pop("slug", None) or path.stem)
    try:
        validate_slug(slug)
    except ValidationError:
        raise ContentError(path, f"the slug '{slug}' must be letters, numbers and hyphens") from None
    digest = hashlib.sha256(text.encode()).hexdigest()
    return SourceFile(path=path, slug=slug, meta=meta, body=body.removesuffix("\n"), digest=digest)


def read_yaml(path, text, what="the front matter"):
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ContentError(path, f"{what} is not valid YAML ({getattr(error, 'problem', None) or error})") from None


def write_source(path, meta, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    # The body as it is, then one line end, which read_source takes off again.
    path.write_bytes(f"---\n{dump_yaml(meta)}---\n{body}\n".encode())


def as_slug_list(source, key):
    try:
        return slug_list(key, source.meta.get(key) or [])
    except Invalid as error:
        raise ContentError(source.path, str(error)) from None


@contextmanager
def problems_in(source):
    """Turn a field's complaint into an error naming the file (and the entry, in a list file)."""
    try:
        yield
    except Invalid as error:
        raise ContentError(source.path, f"{source.where}{error}") from None


def replaced(fields, *replacements):
    """fields with each replacement in place of the field of the same key."""
    by_key = {replacement.key: replacement for replacement in replacements}
    return tuple(by_key.get(declared.key, declared) for declared in fields)


def loaded_record(item):
    content_type = ContentType.objects.get_for_model(item)
    return LoadedContent.objects.filter(content_type=content_type, object_id=item.pk).first()


def is_as_loaded(item, record):
    """Whether the item is as a file left it: loaded, and not saved by an editor since."""
    return record is not None and record.loaded_version == getattr(item, "version", 0)


class ContentLoader:
    """Loads one kind of item, one file per item in one folder, and exports it back the same way.
    Subclasses name the model, the folder and the fields."""

    directory = ""
    model = None
    fields = ()
    has_body = False  # the Markdown after the front matter is the item's body
    names_items = True  # other files name these items by slug

    def __init__(self):
        self.fields = [declared.bound_to(self.model) for declared in type(self).fields]

    # Reading and checking, before anything is written

    def sources(self, root):
        folder = root / self.directory
        return sorted(folder.glob("*.md")) if folder.is_dir() else []

    def read_sources(self, root):
        sources, seen = [], {}
        for path in self.sources(root):
            source = read_source(path)
            source.loader, source.root = self, root
            key = self.file_key(source)
            if key in seen:
                raise ContentError(path, f"duplicate slug '{key}' (also {seen[key]})")
            seen[key] = path
            sources.append(source)
        return sources

    def file_key(self, source):
        return source.slug

    def existing_slugs(self):
        return set(originals(self.model).values_list("slug", flat=True))

    def validate(self, source, known):
        """Read every field, raising ContentError for anything wrong; known maps each loaded model to its slugs."""
        with problems_in(source):
            source.values = {declared.key: declared.read(source, known) for declared in self.fields}
            self.check(source, known)

    def check(self, source, known):
        """Rules that span fields (raise Invalid)."""

    # Loading

    def find_existing(self, source):
        return originals(self.model).filter(slug=source.slug).first()

    def load(self, sources, now, report):
        loaded = [(source, self.load_one(source, now, report)) for source in sources]
        return [(source, item) for source, item in loaded if item is not None]

    def load_one(self, source, now, report):
        item = self.find_existing(source)
        if item is not None and not _file_wins(item, source, report):
            return None
        if item is None:
            item = self.model()
            report.created.append(source.path)
        else:
            if hasattr(item, "version"):
                item.version += 1
            report.updated.append(source.path)
        item.slug = source.slug
        if self.has_body:
            item.body = source.body
        self.assign(item, source, BEFORE_SAVE)
        self.before_save(item, source, now)
        item.save()
        self.assign(item, source, AFTER_SAVE)
        LoadedContent.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            defaults={
                "source": str(source.path),
                "source_hash": source.digest,
                "loaded_version": getattr(item, "version", 0),
            },
        )
        return item

    def assign(self, item, source, phase):
        with problems_in(source):
            for declared in self.fields:
                if declared.phase == phase:
                    declared.apply(item, source.values[declared.key])

    def before_save(self, item, source, now):
        """Anything the item needs beyond its fields, before it is saved."""

    def link(self, loaded):
        """Second pass, once every item exists: links between items."""
        for source, item in loaded:
            self.assign(item, source, LINKS)

    # Exporting

    def rows(self):
        return originals(self.model)

    def export_items(self):
        return self.rows().order_by("pk")

    def export(self, root):
        count = 0
        for item in self.export_items():
            self.export_item(root, item)
            count += 1
        return count

    def export_meta(self, item):
        meta = {}
        for declared in self.fields:
            declared.write(item, meta)
        return meta

    def export_path(self, root, item):
        return root / self.directory / f"{item.slug}.md"

    def export_item(self, root, item):
        write_source(self.export_path(root, item), self.export_meta(item), item.body if self.has_body else "")


class TitledListLoader(ContentLoader):
    """A simple ordered list entry: a title, a one-line summary and a position (topics, categories)."""

    fields = (Text("title", required=True), Text("summary", always=True), Number("position", always=True))


class TopicLoader(TitledListLoader):
    directory = "topics"
    model = Topic


class PublishedContentLoader(ContentLoader):
    """The fields every published item shares; subclasses add their own after these."""

    has_body = True
    fields = (
        Text("title", required=True, max_length=200),
        Text("summary", required=True, max_length=SUMMARY_LIMIT),
        Lines("search_keywords"),
        Choice("audience", Audience.values, default=Audience.EVERYONE, always=True),
        Topics("topics", always=True),
        Text("owner", default=DEFAULT_OWNER, always=True, max_length=120),
        Choice("status", Status.values, default=Status.PUBLISHED, always=True),
        Date("review_due", filled_for=LIVE_STATUSES),
        Date("last_reviewed"),
        Moment("publish_at", filled_for=LIVE_STATUSES),
        Moment("first_published", "first_published_at", filled_for=LIVE_STATUSES),
        Moment("last_updated", "last_major_change_at", filled_for=LIVE_STATUSES),
        Moment("withdrawn_at", filled_for=[Status.WITHDRAWN]),
        Text("withdrawal_reason"),
        Choice("change_type", ChangeType.values, default=ChangeType.MINOR),
        Text("change_note", max_length=300),
        History("history", "history_period"),
        Sources("sources"),
        OldSlugs("old_slugs"),
        ChangeHistory("change_history"),
    )

    def find_existing(self, source):
        return super().find_existing(source) or self.loaded_from(source.path)

    def loaded_from(self, path):
        """The item this file was loaded into before, if an editor has given it another address since."""
        content_type = ContentType.objects.get_for_model(self.model)
        record = LoadedContent.objects.filter(content_type=content_type, source=str(path)).first()
        return originals(self.model).filter(pk=record.object_id).first() if record else None

    def before_save(self, item, source, now):
        self.fill_missing_dates(item, source, now)
        item.awaiting_go_live = bool(item.is_indexable and item.publish_at and item.publish_at > now)

    def fill_missing_dates(self, item, source, now):
        """What a live item must have and its file leaves out: go-live now, first published then, and so on."""

        def missing(key, attr):
            return source.values.get(key) is MISSING and getattr(item, attr) is None

        if item.status in LIVE_STATUSES:
            if missing("publish_at", "publish_at"):
                item.publish_at = now
            if missing("first_published", "first_published_at"):
                item.first_published_at = item.publish_at
            if missing("last_updated", "last_major_change_at"):
                item.last_major_change_at = item.first_published_at
            if missing("review_due", "review_due") and item.publish_at:
                item.review_due = item.default_review_due(item.publish_at)
        if item.status == Status.WITHDRAWN and missing("withdrawn_at", "withdrawn_at"):
            item.withdrawn_at = now

    def export_items(self):
        many_to_many = [related.name for related in self.model._meta.many_to_many]
        return super().export_items().select_related().prefetch_related(*many_to_many)


DRAFT_STATUS = Choice("status", [Status.DRAFT, Status.IN_REVIEW], default=Status.DRAFT, always=True)


class PendingDraftLoader:
    """Put in front of a kind's loader by pending_draft_loader(): the kind's pending drafts, each a change
    waiting beside a live item with its own status, in <directory>/drafts/<the live item's slug>.md
    (with a slug: key when the draft gives the page a new address)."""

    names_items = False

    def __init__(self):
        super().__init__()
        self.fields = replaced([kept for kept in self.fields if not kept.live_only], DRAFT_STATUS)

    def file_key(self, source):
        return source.path.stem

    def validate(self, source, known):
        if source.path.stem not in known[self.model]:
            self.no_live_item(source)
        super().validate(source, known)

    def no_live_item(self, source):
        name = self.model._meta.verbose_name
        raise ContentError(source.path, f"there is no {name} '{source.path.stem}' for this to be the draft of")

    def live_item(self, source):
        found = originals(self.model).filter(slug=source.path.stem).first()
        return found or self.loaded_from(source.path.parent.parent / source.path.name)

    def find_existing(self, source):
        return self.model.objects.filter(draft_of=self.live_item(source)).first()

    def load_one(self, source, now, report):
        live = self.live_item(source)
        if live is None:
            self.no_live_item(source)
        if not live.is_live:
            raise ContentError(source.path, f"'{live.slug}' is not published, so it cannot have a pending draft")
        if not is_as_loaded(live, loaded_record(live)):
            # An editor has changed the live page since it was loaded (perhaps publishing this very draft).
            report.kept_editor_changes.append(source.path)
            return None
        return super().load_one(source, now, report)

    def before_save(self, item, source, now):
        item.draft_of = self.live_item(source)
        super().before_save(item, source, now)

    def rows(self):
        return self.model.objects.filter(draft_of__isnull=False)

    def export_path(self, root, item):
        return root / self.directory / f"{item.draft_of.slug}.md"

    def export_meta(self, item):
        meta = super().export_meta(item)
        return {"slug": item.slug, **meta} if item.slug != item.draft_of.slug else meta


@cache
def pending_draft_loader(loader_class):
    """The loader of a kind's pending drafts, made from the kind's own loader so they share every field."""
    return type(
        f"{loader_class.__name__}Drafts",
        (PendingDraftLoader, loader_class),
        {"directory": f"{loader_class.directory}/drafts"},
    )


def database_has_content():
    """Anything loaded or written beyond what the migrations create."""
    models = [Topic, LoadedContent, *registry.content_models()]
    return any(model._default_manager.exists() for model in models)


class ListLoader(ContentLoader):
    """Rows of a model without slugs (search synonyms, best bets), kept as a list in one YAML file.

    Into a database that holds no content yet, the file's list replaces what the migrations started it
    with. Into one that has content, loading adds the entries it lacks (compared on the identity keys)
    and never changes or removes a row, so an editor's work is kept."""

    path = ""  # the file, under the content folder
    entry_name = "entry"
    identity = ()
    names_items = False

    def read_sources(self, root):
        path = self.file = root / self.path
        self.found = path.is_file()
        self.replaces = self.found and not database_has_content()
        if not self.found:
            return []
        entries = read_yaml(path, read_text(path), "the file") or []
        if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            raise ContentError(path, f"the file must be a list, each {self.entry_name} a set of 'key: value' lines")
        return [
            SourceFile(path, "", entry, "", "", loader=self, root=root, where=f"{self.entry_name} {number}: ")
            for number, entry in enumerate(entries, start=1)
        ]

    def identity_of(self, row):
        meta = self.export_meta(row)
        return json.dumps([meta.get(key) for key in self.identity], default=str)

    def load(self, sources, now, report):
        if not self.found:
            return []
        if self.replaces:
            self.model._default_manager.all().delete()
        present = {self.identity_of(row) for row in self.model._default_manager.all()}
        created = []
        for source in sources:
            row = self.model()
            self.assign(row, source, BEFORE_SAVE)
            if self.identity_of(row) not in present:
                row.save()
                created.append(row)
        (report.created if created else report.unchanged).append(self.file)
        return []

    def exportable(self, row):
        return True

    def export(self, root):
        entries = [self.export_meta(row) for row in self.rows() if self.exportable(row)]
        entries.sort(key=lambda entry: json.dumps(entry, default=str))  # in the order of the fields
        path = root / self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(dump_yaml(entries).encode())
        return len(entries)

    def rows(self):
        return self.model._default_manager.all()


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    kept_editor_changes: list = field(default_factory=list)


def loaders_in_order():
    """Every registered loader in registration order, then each kind's pending drafts (which need every live item)."""
    loaders = registry.loaders()
    drafts = [pending_draft_loader(type(loader))() for loader in loaders if isinstance(loader, PublishedContentLoader)]
    return loaders + drafts


def read_all(root, loaders):
    """Parse and validate every file; raise ContentError naming the first bad file."""
    known, plan = {}, []
    for loader in loaders:
        sources = loader.read_sources(root)
        if loader.names_items:
            known[loader.model] = loader.existing_slugs() | {source.slug for source in sources}
        plan.append((loader, sources))
    for loader, sources in plan:
        for source in sources:
            loader.validate(source, known)
    return plan, known


def content_load(*, root, now=None):
    """Load every content file under root. All or nothing."""
    now = now or timezone.now()
    report = LoadReport()
    plan, _ = read_all(Path(root), loaders_in_order())
    with transaction.atomic():
        loaded = [(loader, _in_revision(loader.load, sources, now, report)) for loader, sources in plan]
        for loader, items in loaded:
            _in_revision(loader.link, items)
    return report


def _in_revision(action, *args):
    # A revision for each loader and pass, so that a pending draft never shares one with its live item:
    # publishing the draft moves the draft's saved versions onto the live item.
    with reversion.create_revision():
        reversion.set_comment("Loaded from content files")
        return action(*args)


def _file_wins(item, source, report):
    """Whether an existing item should take the file's content: only if it is as loaded and the file changed."""
    record = loaded_record(item)
    if not is_as_loaded(item, record):
        # Created or changed by an editor in the admin: theirs wins.
        report.kept_editor_changes.append(source.path)
        return False
    if record.source_hash == source.digest:
        report.unchanged.append(source.path)
        return False
    return True


def content_export(*, root):
    """Write every item, pending draft and list the loaders know into root. Returns how many were written."""
    root = Path(root)
    return sum(loader.export(root) for loader in loaders_in_order())
