"""The keys of a content file, each declared once and used both ways: read from a file into an item,
and written from an item back into a file.

A loader lists its fields (publishing/loaders.py). Loading and exporting both walk that list, so an
export holds everything a file can say and loads back to the same item, and a new field is one line.
A key is left out of a file only when its value is what loading gives for a missing key.
"""

import copy
import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import timezone

from publishing.models import PublishedContent, SlugRedirect
from publishing.sources import SOURCE_FIELDS, clean_sources


class Missing:
    def __repr__(self):
        return "MISSING"


MISSING = Missing()  # a key the file does not have, where that differs from one it gives as null
SLUG_LENGTH = 120

# When a field's value is set on the item: before it is saved, once it has an id, or once every item exists.
BEFORE_SAVE, AFTER_SAVE, LINKS = "before save", "after save", "links"


class Invalid(ValueError):
    """A value in a content file is wrong; the loader says which file."""


def originals(model):
    """The rows a file can name by slug: for published content, never a pending draft."""
    if issubclass(model, PublishedContent):
        return model.objects.originals()
    return model._default_manager.all()


def at_addresses(model, slugs):
    """The items at these slugs, or that an editor has moved from them (their old addresses redirect)."""
    found = list(originals(model).filter(slug__in=slugs))
    moved = set(slugs) - {item.slug for item in found}
    if moved and issubclass(model, PublishedContent):
        content_type = ContentType.objects.get_for_model(model)
        redirects = SlugRedirect.objects.filter(content_type=content_type, old_slug__in=moved)
        found += originals(model).filter(pk__in=redirects.values("object_id"))
    return found


def known_slugs(known, model):
    """The slugs of model that exist or are being loaded (known maps each loaded model to its slugs)."""
    if model in known:
        return known[model]
    return set(originals(model).values_list("slug", flat=True))


def slug_list(key, raw):
    if not isinstance(raw, list) or not all(isinstance(value, str) for value in raw):
        raise Invalid(f"'{key}' must be a list of slugs")
    return raw


def as_moment(key, raw):
    """A date and time from a file: an ISO 8601 string, or a timestamp YAML has already read."""
    if isinstance(raw, datetime.datetime):
        parsed = raw
    else:
        try:
            parsed = datetime.datetime.fromisoformat(str(raw))
        except ValueError:
            raise Invalid(f"'{key}' must be a date and time like 2026-11-26T09:00:00+00:00") from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Field:
    """One key of a content file and the model attribute it fills.

    default: the value a missing (or null) key gives, and a value that is not written out unless always.
    required: the file must give a value. live_only: belongs to a live item and not to a pending draft.
    """

    phase = BEFORE_SAVE
    live_only = False

    def __init__(self, key, attr=None, *, default=None, required=False, always=False):
        self.key, self.attr = key, attr or key
        self.default, self.required, self.always = default, required, always
        self.model = None

    def bound_to(self, model):
        field = copy.copy(self)
        field.model = model
        return field

    def read(self, source, known):
        """The model value the file gives (raises Invalid)."""
        raw = source.meta.get(self.key)
        if raw is None:
            if self.required:
                raise Invalid(f"'{self.key}' is required")
            return self.default
        return self.from_file(raw, known)

    def from_file(self, raw, known):
        return raw

    def to_file(self, value):
        return value

    def apply(self, item, value):
        setattr(item, self.attr, value)

    def current(self, item):
        return getattr(item, self.attr)

    def write(self, item, meta):
        value = self.current(item)
        if self.always or self.required or value != self.default:
            meta[self.key] = self.to_file(value)


class Text(Field):
    def __init__(self, key, attr=None, *, default="", max_length=None, **options):
        super().__init__(key, attr, default=default, **options)
        self.max_length = max_length

    def from_file(self, raw, known):
        if isinstance(raw, dict | list):
            raise Invalid(f"'{self.key}' must be text")
        value = str(raw)  # YAML reads a title like 2008 as a number
        if self.required and not value.strip():
            raise Invalid(f"'{self.key}' is required")
        if self.max_length and len(value) > self.max_length:
            raise Invalid(f"'{self.key}' must be at most {self.max_length} characters")
        return value


class Choice(Field):
    def __init__(self, key, values, **options):
        super().__init__(key, **options)
        self.values = list(values)

    def read(self, source, known):
        if self.required and source.meta.get(self.key) is None:
            raise Invalid(f"'{self.key}' is required: {', '.join(self.values)}")
        return super().read(source, known)

    def from_file(self, raw, known):
        if raw not in self.values:
            raise Invalid(f"'{self.key}' must be one of {', '.join(self.values)}")
        return raw


class Number(Field):
    def __init__(self, key, **options):
        super().__init__(key, **{"default": 0, **options})

    def from_file(self, raw, known):
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise Invalid(f"'{self.key}' must be a whole number, 0 or more, not {raw!r}")
        return raw


class Flag(Field):
    def from_file(self, raw, known):
        if not isinstance(raw, bool):
            raise Invalid(f"'{self.key}' must be true or false")
        return raw


class Lines(Field):
    """Editor text with one entry per line, written as a list; text that a list would not give back exactly
    (blank lines, bullets, Windows line ends from a browser) is written as it is."""

    def __init__(self, key, **options):
        super().__init__(key, **{"default": "", **options})

    def from_file(self, raw, known):
        if isinstance(raw, str):
            return raw
        if not isinstance(raw, list) or not all(isinstance(v, str) and v.strip() for v in raw):
            raise Invalid(f"'{self.key}' must be a list of sentences")
        return "\n".join(v.strip() for v in raw)

    def to_file(self, value):
        entries = value.split("\n")
        return entries if all(entry and entry == entry.strip() for entry in entries) else value


class Filled(Field):
    """A date the loader fills in when the file leaves it out and the item has one of the statuses in
    filled_for (a go-live time, a review date), so an item without one is written with an explicit null."""

    def __init__(self, key, attr=None, *, filled_for=(), **options):
        super().__init__(key, attr, **options)
        self.filled_for = tuple(filled_for)

    def read(self, source, known):
        if self.filled_for and self.key not in source.meta:
            return MISSING
        return super().read(source, known)

    def apply(self, item, value):
        if value is not MISSING:
            setattr(item, self.attr, value)

    def write(self, item, meta):
        value = self.current(item)
        if value is not None:
            meta[self.key] = self.to_file(value)
        elif item.status in self.filled_for:
            meta[self.key] = None


class Date(Filled):
    def from_file(self, raw, known):
        if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
            return raw
        try:
            return datetime.date.fromisoformat(str(raw))
        except ValueError:
            raise Invalid(f"'{self.key}' must be a date like 2027-01-31, not {raw!r}") from None

    def to_file(self, value):
        return value.isoformat()


class Moment(Filled):
    def from_file(self, raw, known):
        return as_moment(self.key, raw)

    def to_file(self, value):
        return value.isoformat()


class History(Field):
    """The period a history-mode page describes: ``history: {period: "2005 to 2010"}``."""

    def __init__(self, key, attr, **options):
        super().__init__(key, attr, default="", **options)

    def from_file(self, raw, known):
        period = raw.get("period") if isinstance(raw, dict) else None
        if not isinstance(period, str) or not period.strip() or len(period) > 60:
            raise Invalid(f"'{self.key}' needs a 'period' of at most 60 characters, like \"2005 to 2010\"")
        return period.strip()

    def to_file(self, value):
        return {"period": value}


class Sources(Field):
    """The cited sources, each with a title, publisher, date and web address."""

    def __init__(self, key, **options):
        super().__init__(key, default=[], **options)

    def from_file(self, raw, known):
        for entry in raw if isinstance(raw, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("date"), datetime.date):
                entry["date"] = entry["date"].isoformat()  # YAML reads an unquoted 2022-11-25 as a date
        try:
            return clean_sources(raw)
        except ValidationError as error:
            raise Invalid(f"'{self.key}': {' '.join(error.messages)}") from None

    def to_file(self, value):
        # In the order the admin shows them, whatever order the database keeps a JSON object's keys in.
        return [{name: entry[name] for name in (*SOURCE_FIELDS, *sorted(entry)) if name in entry} for entry in value]


class Parent(Field):
    """The item a required foreign key points at, named by its slug."""

    def __init__(self, key, **options):
        super().__init__(key, required=True, **options)

    def target(self):
        return self.model._meta.get_field(self.attr).related_model

    def from_file(self, raw, known):
        if raw not in known_slugs(known, self.target()):
            raise Invalid(f"unknown {self.key} '{raw}'")
        return raw

    def apply(self, item, slug):
        found = at_addresses(self.target(), [slug])
        if not found:
            raise Invalid(f"unknown {self.key} '{slug}'")
        setattr(item, self.attr, found[0])

    def current(self, item):
        return getattr(item, self.attr).slug


class Related(Field):
    """The items a many-to-many field links to, named by slug, linked once every item exists."""

    phase = LINKS

    def __init__(self, key, **options):
        super().__init__(key, default=[], **options)

    def target(self):
        return self.model._meta.get_field(self.attr).related_model

    def from_file(self, raw, known):
        slugs = slug_list(self.key, raw)
        missing = [slug for slug in slugs if slug not in known_slugs(known, self.target())]
        if missing:
            name = self.target()._meta.verbose_name
            raise Invalid(f"'{self.key}' names unknown {name} {', '.join(missing)}")
        return slugs

    def apply(self, item, slugs):
        getattr(item, self.attr).set(at_addresses(self.target(), slugs))

    def current(self, item):
        return sorted(related.slug for related in getattr(item, self.attr).all() if related.is_original)


class Topics(Related):
    """The item's topics, in the topics' own order."""

    phase = AFTER_SAVE

    def current(self, item):
        return [topic.slug for topic in item.topics.all()]


class Mirror(Related):
    """Links another kind's files own, written for people reading this file and never loaded from it."""

    phase = None

    def from_file(self, raw, known):
        return slug_list(self.key, raw)


class ChangeHistory(Field):
    """The public change notes. A file without them gets a 'First published.' note for a published item."""

    phase = AFTER_SAVE
    live_only = True

    def read(self, source, known):
        if self.key not in source.meta:
            return MISSING
        entries = source.meta[self.key] or []
        if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            raise Invalid(f"'{self.key}' must be a list of entries, each with a 'date' and a 'note'")
        notes = [(as_moment(self.key, entry.get("date")), str(entry.get("note") or "")) for entry in entries]
        if any(len(note) > 300 for _, note in notes):
            raise Invalid(f"'{self.key}': a note must be at most 300 characters")
        return notes

    def apply(self, item, notes):
        if notes is MISSING:
            notes = [(item.first_published_at, "First published.")] if item.first_published_at else []
        item.change_notes.all().delete()
        for changed_at, note in notes:
            item.change_notes.create(changed_at=changed_at, note=note)

    def write(self, item, meta):
        notes = item.change_notes.order_by("changed_at", "id")
        if notes or item.first_published_at:
            meta[self.key] = [{"date": note.changed_at.isoformat(), "note": note.note} for note in notes]


class OldSlugs(Field):
    """The addresses a live item had before, which redirect to it."""

    phase = AFTER_SAVE
    live_only = True

    def __init__(self, key, **options):
        super().__init__(key, default=[], **options)

    def read(self, source, known):
        slugs = slug_list(self.key, source.meta.get(self.key) or [])
        for slug in slugs:
            try:
                validate_slug(slug)
            except ValidationError:
                raise Invalid(f"'{self.key}': '{slug}' is not a slug (letters, numbers and hyphens)") from None
            if len(slug) > SLUG_LENGTH:
                raise Invalid(f"'{self.key}': '{slug}' is longer than {SLUG_LENGTH} characters")
        if source.slug in slugs or len(set(slugs)) != len(slugs):
            raise Invalid(f"'{self.key}' lists an address twice, or the page's own address")
        return slugs

    def redirects(self, item):
        return SlugRedirect.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)

    def apply(self, item, slugs):
        self.redirects(item).exclude(old_slug__in=slugs).delete()
        for slug in slugs:
            redirect, _ = SlugRedirect.objects.get_or_create(
                content_type=ContentType.objects.get_for_model(item), old_slug=slug, defaults={"object_id": item.pk}
            )
            if redirect.object_id != item.pk:
                other = type(item).objects.filter(pk=redirect.object_id).values_list("slug", flat=True).first()
                raise Invalid(f"'{self.key}': the old address '{slug}' already leads to the page '{other}'")

    def current(self, item):
        return sorted(self.redirects(item).values_list("old_slug", flat=True))
