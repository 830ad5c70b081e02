"""Long reader lists split into pages, shown with the GOV.UK pagination component.

Search, the FAQ and the templates list share this, so every list a reader pages
through looks and behaves the same: a page number that is not a whole number
(or is below 1) means the first page, one past the end means the last, as in search.
"""

import re
import sys
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator

# How many items a page shows of a list that belongs to something else (a stage's templates,
# a topic's guides, a page's related links) before linking to the full list.
SHORTLIST_LENGTH = 10
WHOLE_NUMBER = re.compile(r"\d+")


@dataclass
class Pagination:
    items: list = field(default_factory=list)
    previous_url: str = ""
    next_url: str = ""


def pagination_items(page, pages, url_for):
    """GOV.UK pagination: first, last, and the pages around the current one, with gaps as ellipses."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    items, previous = [], 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "url": url_for(number), "current": number == page})
        previous = number
    return items


def pagination_for(page, pages, url_for):
    """The links for page `page` of `pages`; none at all when everything fits on one page."""
    if pages <= 1:
        return Pagination()
    return Pagination(
        items=pagination_items(page, pages, url_for),
        previous_url=url_for(page - 1) if page > 1 else "",
        next_url=url_for(page + 1) if page < pages else "",
    )


def requested_page_number(requested):
    """The page a reader asked for: 1 for anything but a positive whole number, however long."""
    raw = (requested or "").strip()
    if not WHOLE_NUMBER.fullmatch(raw):
        return 1
    # Python refuses to read very long numbers; any that long is past the end anyway.
    return max(int(raw), 1) if len(raw) <= 18 else sys.maxsize


def page_of(items, requested, per_page, url_for):
    """One page of `items` (a QuerySet: only that page's rows are fetched), with its links as `.pagination`.

    `url_for(number)` builds the address of another page, from values already checked,
    so nothing a reader typed is echoed back into the links.
    """
    paginator = Paginator(items, per_page)
    page = paginator.get_page(requested_page_number(requested))
    page.pagination = pagination_for(page.number, paginator.num_pages, url_for)
    return page


def page_url(path, params, number):
    """`path` with the (already checked) `params` and, after the first page, the page number."""
    query = [*params, *([("page", number)] if number > 1 else [])]
    return f"{path}?{urlencode(query)}" if query else path


@dataclass
class Shortlist:
    """The first few items of a list that may be long, and whether there are more."""

    items: list
    more: bool

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)


def shortlist(items, limit):
    """The first `limit` of `items` in one query (one row more than shown, to know whether there are more)."""
    fetched = list(items[: limit + 1])
    return Shortlist(fetched[:limit], len(fetched) > limit)
