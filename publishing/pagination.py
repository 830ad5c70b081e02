"""Long reader lists split into pages, shown with the GOV.UK pagination component.

Search, the FAQ and the templates list share this, so every list a reader pages
through looks and behaves the same: a page number that is not a whole number
(or is below 1) means the first page, one past the end means the last, as in search.
"""

import datetime
import re
import sys
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connections, router
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone
from django.utils.functional import cached_property

from publishing.group_sizes import published_sizes
from sharedservices.prepared import prepared_cursor

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


def shortlists(querysets, limit, *, fields, order, ranks=None):
    """The first `limit` of each of `querysets` (of any models), as Shortlists, in one query instead of one each.

    Each list's items hold only `fields` (every model must have them) and come in `order` (names from `fields`),
    after the list's own `ranks` when given: one tuple of expressions per list, all of the same length and types.
    """
    firsts, rank_names = first_of_each(querysets, limit, fields=fields, order=order, ranks=ranks)
    if not firsts:
        return []
    if len(firsts) == 1 or not connections[firsts[0].db].features.supports_slicing_ordering_in_compound:
        # SQLite cannot limit each part of a UNION: one query each there.
        queries = firsts
    else:
        queries = [union_of(firsts, rank_names, order)]
    rows = [row for query in queries for row in query]
    return shortlists_from_rows([items.model for items in querysets], rows, queries[0].db, limit, fields, rank_names)


def first_of_each(querysets, limit, *, fields, order, ranks=None):
    """Each queryset's first `limit` + 1 rows as (its index in the list, ranks…, fields…), and the rank names."""
    ranks = ranks or [()] * len(querysets)
    rank_names = [f"rank_{n}" for n in range(len(ranks[0]) if ranks else 0)]
    firsts = [
        items.annotate(
            list_index=Value(index, output_field=IntegerField()), **dict(zip(rank_names, ranked, strict=True))
        )
        .order_by(*rank_names, *order)
        .values_list("list_index", *rank_names, *fields)[: limit + 1]
        for index, (items, ranked) in enumerate(zip(querysets, ranks, strict=True))
    ]
    return firsts, rank_names


def union_of(firsts, rank_names, order):
    """first_of_each()'s querysets as one UNION ALL, list by list, each in its own order."""
    return firsts[0].union(*firsts[1:], all=True).order_by("list_index", *rank_names, *order)


def shortlists_from_rows(models, rows, db, limit, fields, rank_names):
    fetched = [[] for _ in models]
    for index, *values in rows:
        fetched[index].append(values[len(rank_names) :])
    return [
        Shortlist([model.from_db(db, fields, values) for values in found[:limit]], len(found) > limit)
        for model, found in zip(models, fetched, strict=True)
    ]


# The values a CompiledShortlists query is built with once: no real row has this id or this go-live time.
STAND_IN_PK = -2_000_000_123
STAND_IN_NOW = datetime.datetime(1901, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC)


@dataclass
class CompiledQuery:
    sql: str
    params: list
    models: list
    rank_names: list


class CompiledShortlists:
    """shortlists() for lists whose query keeps its shape while the item they belong to and the time change.

    `build(owner, now)` returns the querysets for an item `owner` (only its pk may be used) at `now`. Building
    and compiling a UNION of many querysets costs more than running it, so on PostgreSQL it is built and
    compiled once per process, with stand-in values, and each call runs the SQL with the real ones (the
    query count and the SQL are the same as shortlists()'s). Elsewhere it is shortlists() on every call.
    """

    def __init__(self, build, limit, *, fields, order, ranks=None, shape=lambda: None):
        self.build, self.limit, self.fields, self.order, self.ranks = build, limit, fields, order, ranks
        self.shape = shape  # what else decides the query's shape (such as which kinds are registered)
        self.compiled = {}

    def __call__(self, owner, now=None):
        now = now or timezone.now()
        db = router.db_for_read(type(owner))
        connection = connections[db]
        if not connection.features.supports_slicing_ordering_in_compound:
            querysets = self.build(owner, now)
            return shortlists(querysets, self.limit, fields=self.fields, order=self.order, ranks=self.ranks)
        key = (connection.vendor, self.shape())
        compiled = self.compiled.get(key) or self.compile(type(owner), db, key)
        params = [
            owner.pk if param == STAND_IN_PK else now if param == STAND_IN_NOW else param for param in compiled.params
        ]
        # Its SQL is the same on every call, so PostgreSQL plans it once per connection (sharedservices.prepared).
        with prepared_cursor(connection) as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return shortlists_from_rows(compiled.models, rows, db, self.limit, self.fields, compiled.rank_names)

    def compile(self, owner_model, db, key):
        querysets = self.build(owner_model(pk=STAND_IN_PK), STAND_IN_NOW)
        firsts, rank_names = first_of_each(
            querysets, self.limit, fields=self.fields, order=self.order, ranks=self.ranks
        )
        sql, params = union_of(firsts, rank_names, self.order).query.get_compiler(db).as_sql()
        if str(STAND_IN_PK) in sql or "1901-01-02" in sql:
            raise ValueError("a stand-in value was written into the SQL itself, so it cannot be replaced")
        if any(isinstance(param, datetime.datetime) and param != STAND_IN_NOW for param in params):
            # Such as published() called without `now`: that moment would be kept for the life of the process.
            raise ValueError("the query holds a time other than the `now` it was built with")
        compiled = CompiledQuery(sql, list(params), [items.model for items in querysets], rank_names)
        self.compiled[key] = compiled
        return compiled


# A group this size or smaller is read together with its neighbours on the page, sorted in one
# query; a bigger one is read alone, from its index. A page then runs at most three queries.
SMALL_GROUP = 500


def runs_of_small_groups(touched):
    """Split the touched groups into runs: each big group alone, neighbouring small ones together."""
    runs = []
    for entry in touched:
        small = entry[1] <= SMALL_GROUP
        if small and runs and runs[-1][-1][1] <= SMALL_GROUP:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


class GroupedList:
    """A long list ordered group by group (questions by category, templates by stage) that pages cheaply.

    Ordering the whole list by a column of another table (a category's position)
    makes the database read and sort every row on every request. Instead one
    query counts each group's items (from an index, without reading rows), and
    the page's rows are read group by group from an index already in their
    order, so a page costs the same however much content there is. Slice it (as
    Paginator does) to get rows; `groups` must be in the order to show them.
    `then`, when given, is called once with the page's rows (to read what they show of other tables in one
    query) and returns them. With `every_published` (the items are all of a
    model's published items, filtered no further), the sizes come from the counts PostgreSQL keeps
    (publishing.group_sizes) instead of counting the rows.
    """

    def __init__(self, items, groups, *, group_field, order, then=None, every_published=False):
        self.groups = list(groups)
        self.items = items.filter(**{f"{group_field}__in": self.groups})
        self.group_field = group_field
        self.order = order
        self.then = then
        self.every_published = every_published

    @cached_property
    def sizes(self):
        """[(group, how many items it holds)], in the groups' order."""
        counts = published_sizes(self.items, self.group_field, self.groups) if self.every_published else None
        if counts is None:
            counts = dict(
                self.items.order_by()
                .values_list(self.group_field)
                .annotate(items=Count("pk"))
                .values_list(self.group_field, "items")
            )
        return [(group, counts.get(group.pk, 0)) for group in self.groups]

    def count(self):
        return sum(size for _, size in self.sizes)

    def page_number_of(self, group, per_page):
        """The page (1, 2 …) on which the group's first item is listed, `per_page` items to a page."""
        before = 0
        for each, size in self.sizes:
            if each == group:
                return before // per_page + 1 if size else 1
            before += size
        return 1

    def __len__(self):
        return self.count()

    def rows_of(self, run):
        """The rows of one run of touched groups: a big group from its own index, small ones sorted together."""
        in_run = self.items.filter(**{f"{self.group_field}__in": [group for group, *_ in run]})
        if len(run) > 1:
            rank = Case(*(When(**{self.group_field: group}, then=Value(n)) for n, (group, *_) in enumerate(run)))
            in_run = in_run.annotate(group_rank=rank).order_by("group_rank", *self.order)
        else:
            in_run = in_run.order_by(*self.order)
        # Positions within the run: the first group's start, to the last group's end.
        first_start = run[0][2]
        last_end = sum(size for _, size, *_ in run[:-1]) + run[-1][3]
        run_rows = list(in_run[first_start:last_end])
        groups = {group.pk: group for group, *_ in run}
        for row in run_rows:
            setattr(row, self.group_field, groups[getattr(row, f"{self.group_field}_id")])  # no join or query
        return run_rows

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.stop is None or window.step is not None:
            raise TypeError("GroupedList only takes slices with an end, as Paginator uses")
        start, stop = window.start or 0, window.stop
        # The groups the window touches, as (group, its size, first and last+1 position within it).
        touched, first_in_group = [], 0
        for group, size in self.sizes:
            if first_in_group >= stop:
                break
            if size and first_in_group + size > start:
                touched.append((group, size, max(start - first_in_group, 0), min(stop - first_in_group, size)))
            first_in_group += size
        rows = []
        for run in runs_of_small_groups(touched):
            rows += self.rows_of(run)
        return self.then(rows) if self.then else rows
