"""Dated, cited facts: the entries of the directory's dated relations, as stored and as checked.

A cluster's members, a provider's customers and operators, an organisation's former names and every
single fact (a platform, a status, a parent department) are lists or records of plain values stored
on the item itself, like its sources. So a draft, a reviewed change, a restored version and an export
carry them with the item's words, and a membership change goes through review like any other edit.

Each entry gives its dates as precise as its source (a year, a month or a day) and cites the item's
own sources by number ("sources: [1, 3]" cites #source-1 and #source-3).
"""

from django.core.exceptions import ValidationError

from publishing.sources import check_date, date_text

TEXT_LIMIT = 300


class Spec:
    """The keys of one kind of entry: text keys, date keys, flags, organisation slugs; which are required."""

    def __init__(self, name, *, text=(), dates=(), flags=(), organisations=(), required=(), dated=True):
        self.name, self.text, self.dates, self.flags = name, tuple(text), tuple(dates), tuple(flags)
        self.organisations, self.required, self.dated = tuple(organisations), set(required), dated

    @property
    def keys(self):
        return (*self.organisations, *self.text, *self.dates, *self.flags, "sources")


MEMBER = Spec("Member", organisations=["organisation"], text=["note"], dates=["from", "to"], flags=["lead"],
              required=["organisation"])  # fmt: skip
FORMER_NAME = Spec("Former name", text=["name", "abbreviation"], dates=["from", "to"], required=["name"])
SUPPLIER = Spec("Supplier", text=["name", "role", "value"], dates=["date"], required=["name", "role", "date"])
TARGET = Spec("Target", text=["what", "target"], dates=["date"], required=["what", "target", "date"])
CUSTOMER = Spec("Customer", organisations=["organisation"], text=["name", "note"], dates=["from", "to", "reported"])
OPERATOR = Spec("Operator", text=["name", "note"], dates=["from", "to"], required=["name"])
PLATFORM = Spec("Platform", text=["name", "note"], dates=["date"], required=["name", "date"])
PROGRESS = Spec("Status", text=["stage", "detail"], dates=["date"], required=["stage", "date"])
CITATION = Spec("Citation", text=["note"], dates=["date"], required=["date"])
EVENT = Spec("Event", text=["note"], dates=["date"], required=["date"])


def _where(spec, number):
    return f"{spec.name} {number}" if number else spec.name


def _clean_sources(value, where, source_count):
    if value in (None, ""):
        value = []
    if not isinstance(value, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        raise ValidationError(f"{where}: 'sources' must be a list of source numbers, like [1, 2].")
    if not value:
        raise ValidationError(f"{where}: cite at least one of the page's sources, like sources: [1].")
    wrong = [n for n in value if not 1 <= n <= source_count]
    if wrong:
        raise ValidationError(f"{where}: there is no source {wrong[0]}; the page lists {source_count} source(s).")
    return value


def _clean_text(entry, key, where):
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise ValidationError(f"{where}: '{key}' must be text.")
    value = str(value).strip()
    if len(value) > TEXT_LIMIT:
        raise ValidationError(f"{where}: '{key}' must be at most {TEXT_LIMIT} characters.")
    return value


def _read_values(spec, entry, where):
    cleaned = {key: _clean_text(entry, key, where) for key in (*spec.organisations, *spec.text)}
    for key in spec.dates:
        value = entry.get(key)
        cleaned[key] = check_date(value.isoformat() if hasattr(value, "isoformat") else value, where)
    for key in spec.flags:
        if not isinstance(entry.get(key, False), bool):
            raise ValidationError(f"{where}: '{key}' must be true or false.")
        cleaned[key] = entry.get(key, False)
    return cleaned


def clean_entry(spec, entry, *, source_count, number=None):
    """One entry as stored (keys in a fixed order, empty ones left out). Raises ValidationError saying what is wrong."""
    where = _where(spec, number)
    if not isinstance(entry, dict):
        raise ValidationError(f"{where} must be a set of 'key: value' lines.")
    unknown = sorted(set(entry) - set(spec.keys))
    if unknown:
        raise ValidationError(f"{where}: unknown key '{unknown[0]}' (use {', '.join(spec.keys)}).")
    cleaned = _read_values(spec, entry, where)
    missing = [key for key in spec.required if not cleaned.get(key)]
    if missing:
        raise ValidationError(f"{where}: give its '{missing[0]}'.")
    if spec.organisations and not any(cleaned.get(k) for k in (*spec.organisations, "name")):
        raise ValidationError(f"{where}: give the organisation's address (slug) or its name.")
    if spec.dates and not any(cleaned.get(key) for key in spec.dates):
        raise ValidationError(f"{where}: give at least one date ({' or '.join(spec.dates)}).")
    if "from" in cleaned and cleaned.get("from") and cleaned.get("to") and cleaned["to"] < cleaned["from"]:
        raise ValidationError(f"{where}: 'to' is before 'from'.")
    cleaned["sources"] = _clean_sources(entry.get("sources"), where, source_count)
    return {key: value for key, value in cleaned.items() if value not in ("", False)}


def clean_entries(spec, entries, *, source_count):
    if entries in (None, ""):
        return []
    if not isinstance(entries, list):
        raise ValidationError(f"{spec.name}s must be a list of entries.")
    return [clean_entry(spec, entry, source_count=source_count, number=n) for n, entry in enumerate(entries, 1)]


def clean_record(spec, record, *, source_count):
    """A single dated fact (a platform, a status): empty, or one entry."""
    if not record:
        return {}
    return clean_entry(spec, record, source_count=source_count)


def organisation_slugs(entries):
    return {entry["organisation"] for entry in entries if entry.get("organisation")}


def period_text(entry):
    """ "from April 2023", "until February 2023", "March 2013 to June 2016": as precise as the sources."""
    start, end = date_text(entry.get("from", "")), date_text(entry.get("to", ""))
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""


def is_current(entry):
    return not entry.get("to")
