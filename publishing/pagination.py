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
from django.db import connections
from django.db.models import Case, Value, When

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


class GroupedList:
    """A long list ordered group by group (questions by category, templates by stage) that pages cheaply.

    Ordering the whole list by a column of another table (a category's position)
    makes the database read and sort every row on every request. Here each group's
    rows come from an index already in order, no more of them than the page
    needs, and only those are put in group order: one query for the page and one
    to count, whatever the amount of content. Slice it (as Paginator does) to get
    rows; `groups` must be in the order to show them.
    """

    def __init__(self, items, groups, *, group_field, order):
        self.items = items
        self.groups = list(groups)
        self.group_field = group_field
        self.order = order

    def count(self):
        return self.items.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.stop is None:
            raise TypeError("GroupedList only takes slices with an end, as Paginator uses")
        if not self.groups:
            return []
        if len(self.groups) == 1:
            rows = list(self.items.filter(**{self.group_field: self.groups[0]}).order_by(*self.order)[window])
        elif connections[self.items.db].features.supports_slicing_ordering_in_compound:
            parts = [
                self.items.filter(**{self.group_field: group})
                .annotate(group_rank=Value(rank))
                .order_by(*self.order)[: window.stop]
                for rank, group in enumerate(self.groups)
            ]
            rows = list(parts[0].union(*parts[1:], all=True).order_by("group_rank", *self.order)[window])
        else:
            # SQLite cannot limit each part of a UNION: sort the whole list instead (fine at its sizes).
            rank = Case(*(When(**{self.group_field: group}, then=Value(n)) for n, group in enumerate(self.groups)))
            in_groups = self.items.filter(**{f"{self.group_field}__in": self.groups})
            rows = list(in_groups.annotate(group_rank=rank).order_by("group_rank", *self.order)[window])
        # Each row's group is already at hand: set it, rather than join or query for it.
        groups = {group.pk: group for group in self.groups}
        for row in rows:
            setattr(row, self.group_field, groups[getattr(row, f"{self.group_field}_id")])
        return rows
