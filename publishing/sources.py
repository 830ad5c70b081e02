"""Cited sources: the ordered list of documents a page's facts come from.

Stored on each item (a list of {title, publisher, date, url}), so a draft, a
restored version and an export carry its sources with its words. Readers see
them as a numbered "Sources" section; the body cites one by linking to
``#source-N``. Dates are as precise as the source: a year, a month or a day.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

SOURCE_FIELDS = ("title", "publisher", "date", "url")
DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
DATE_SHAPE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_SOURCES = 30


@dataclass(frozen=True)
class Source:
    number: int
    title: str
    publisher: str
    date: str
    url: str

    @property
    def anchor(self):
        return f"source-{self.number}"

    @property
    def date_text(self):
        """ "2022", "November 2022" or "25 November 2022", as precise as the source."""
        return date_text(self.date)


def date_text(value):
    if not value:
        return ""
    parsed = datetime.datetime.strptime(value, DATE_FORMATS[len(value)])
    if len(value) == 4:
        return str(parsed.year)
    if len(value) == 7:
        return f"{parsed:%B} {parsed.year}"
    return f"{parsed.day} {parsed:%B} {parsed.year}"


def check_date(value, where):
    if not value:
        return ""
    value = str(value).strip()
    try:
        if not DATE_SHAPE.match(value):
            raise ValueError
        datetime.datetime.strptime(value, DATE_FORMATS[len(value)])
    except ValueError:
        raise ValidationError(
            f"{where}: the date must be a year, a month or a day, like 2022, 2022-11 or 2022-11-25."
        ) from None
    return value


def check_url(value, where):
    value = str(value or "").strip()
    if not value:
        raise ValidationError(f"{where}: give the source's web address.")
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(f"{where}: the web address must start with https:// (or http://).") from None
    return value


def clean_sources(entries):
    """The sources as stored: a list of dicts with every field, in order. Raises ValidationError saying
    which source is wrong and how."""
    if not isinstance(entries, list):
        raise ValidationError("Sources must be a list.")
    if len(entries) > MAX_SOURCES:
        raise ValidationError(f"Give at most {MAX_SOURCES} sources.")
    cleaned = []
    for number, entry in enumerate(entries, start=1):
        where = f"Source {number}"
        if not isinstance(entry, dict):
            raise ValidationError(f"{where} must have a title, publisher, date and web address.")
        title = str(entry.get("title") or "").strip()
        publisher = str(entry.get("publisher") or "").strip()
        if not title or not publisher:
            raise ValidationError(f"{where}: give both its title and who published it.")
        cleaned.append(
            {
                "title": title[:300],
                "publisher": publisher[:200],
                "date": check_date(entry.get("date"), where),
                "url": check_url(entry.get("url"), where),
            }
        )
    return cleaned


def numbered(entries):
    return [Source(number, **entry) for number, entry in enumerate(entries or [], start=1)]
