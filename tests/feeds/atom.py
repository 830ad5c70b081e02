"""What RFC 4287 requires of an Atom document, checked on the parsed XML (feedparser checks it is well formed)."""

import re
from urllib.parse import urlsplit

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as Atom's dates must be.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def is_absolute(url):
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def atom_problems(document):
    """Everything in the document that breaks Atom's rules; an empty list for a valid feed."""
    feed = etree.fromstring(document)
    problems = [] if feed.tag == f"{ATOM}feed" else [f"root is {feed.tag}"]
    problems += _required(feed, "feed", ["id", "title", "updated"])
    entries = feed.findall(f"{ATOM}entry")
    if feed.find(f"{ATOM}author") is None and any(e.find(f"{ATOM}author") is None for e in entries):
        problems.append("feed without an author has an entry without one")
    if not any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link")):
        problems.append("feed has no rel=self link")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    if len(ids) != len(set(ids)):
        problems.append("entry ids are not unique")
    for entry in entries:
        problems += _required(entry, "entry", ["id", "title", "updated"])
        if entry.find(f"{ATOM}link[@rel='alternate']") is None and entry.find(f"{ATOM}content") is None:
            problems.append("entry has neither an alternate link nor content")
    for element in feed.iter(f"{ATOM}updated", f"{ATOM}published"):
        if not RFC3339.fullmatch(element.text or ""):
            problems.append(f"date {element.text!r} is not RFC 3339")
    for element in feed.iter(f"{ATOM}link"):
        if not is_absolute(element.get("href", "")):
            problems.append(f"link {element.get('href')!r} is not absolute")
    for element in feed.iter(f"{ATOM}id"):
        if not is_absolute(element.text or ""):
            problems.append(f"id {element.text!r} is not an absolute IRI")
    return problems


def _required(element, name, children):
    return [
        f"{name} has {len(element.findall(ATOM + child))} {child} elements, not one"
        for child in children
        if len(element.findall(ATOM + child)) != 1
    ]
