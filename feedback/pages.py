"""Which addresses feedback may be about, and which item a page shows.

Feedback is only ever about one of the portal's reader pages (a view marked @reader_page).
The item behind an item's page is found through the content-kind registry, so a kind added
later is covered with no change here.
"""

from urllib.parse import urlsplit

from django.urls import Resolver404, get_script_prefix, resolve

from publishing.reader_pages import query_reading_of
from publishing.registry import kinds

MAX_PAGE_LENGTH = 300


def is_feedback_page(path):
    """True for the path (without the site's prefix) of a reader page: "/faq/", "/guidance/joining-a-cluster/"."""
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//") or len(path) > MAX_PAGE_LENGTH:
        return False
    if not path.isprintable() or urlsplit(path).path != path:
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return query_reading_of(match.func) is not None


def page_address(path):
    """A reader page's address from its path within the site, with the prefix the site is served under."""
    return get_script_prefix() + path.lstrip("/")


def page_item(path):
    """The published item whose reader page is at path, or None (a list page, the home page, an old address)."""
    slug = resolve(path).kwargs.get("slug")
    if not slug:
        return None
    address = page_address(path)
    for kind in kinds():
        item = kind.model.objects.published().filter(slug=slug).first()
        if item is not None and item.get_absolute_url() == address:
            return item
    return None
