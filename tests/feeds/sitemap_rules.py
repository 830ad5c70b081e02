"""The sitemap protocol's rules (sitemaps.org, protocol 0.9), checked on a urlset or a sitemap index."""

import re
from urllib.parse import urlsplit

from lxml import etree

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_LOC_LENGTH = 2048
# W3C Datetime: a date, or a date and time with a time zone.
W3C_DATETIME = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?")
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}


def sitemap_problems(document, host):
    """Everything in a sitemap file that breaks the protocol; an empty list for a valid one."""
    problems = [] if len(document) <= MAX_BYTES else ["file is over 50 MB"]
    if not document.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("not declared as UTF-8 XML")
    root = etree.fromstring(document)
    if root.tag not in (f"{SITEMAP}urlset", f"{SITEMAP}sitemapindex"):
        return [*problems, f"root is {root.tag}"]
    child = "url" if root.tag == f"{SITEMAP}urlset" else "sitemap"
    entries = root.findall(SITEMAP + child)
    if len(entries) > MAX_URLS:
        problems.append(f"{len(entries)} entries, over {MAX_URLS}")
    if len(root) != len(entries):
        problems.append(f"a {root.tag} holds something other than <{child}>")
    for entry in entries:
        problems += _entry_problems(entry, host)
    return problems


def _entry_problems(entry, host):
    locations = entry.findall(f"{SITEMAP}loc")
    if len(locations) != 1:
        return [f"an entry has {len(locations)} <loc> elements"]
    loc = locations[0].text or ""
    parts = urlsplit(loc)
    problems = []
    if parts.scheme not in ("http", "https") or parts.netloc != host or len(loc) >= MAX_LOC_LENGTH:
        problems.append(f"{loc!r} is not an address on {host} under 2,048 characters")
    lastmod = entry.findtext(f"{SITEMAP}lastmod")
    if lastmod is not None and not W3C_DATETIME.fullmatch(lastmod):
        problems.append(f"lastmod {lastmod!r} is not a W3C datetime")
    changefreq = entry.findtext(f"{SITEMAP}changefreq")
    if changefreq is not None and changefreq not in CHANGEFREQ:
        problems.append(f"changefreq {changefreq!r}")
    priority = entry.findtext(f"{SITEMAP}priority")
    if priority is not None and not 0 <= float(priority) <= 1:
        problems.append(f"priority {priority}")
    return problems


def locations(document):
    return [element.text for element in etree.fromstring(document).iter(f"{SITEMAP}loc")]
