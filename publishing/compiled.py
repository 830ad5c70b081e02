"""Reader-page queries compiled once per process and run with each request's own values.

A detail page reads a handful of small rows (the item by its slug, its topics, its change history, a stage's
templates). Django builds and compiles each of those queries afresh on every request, which took longer than
PostgreSQL took to run it (finding a stage by its slug: about 1.2 ms in Django, 0.2 ms in the database). The
shape of such a query never changes, only its values (the slug, the item's id, the time), so on PostgreSQL it is
built once with stand-in values, its SQL kept, and each call runs that SQL as a prepared statement
(sharedservices.prepared) with the real values, making model instances from the rows as Django would. On other
databases (SQLite, for trying the portal locally) each call builds and runs the queryset as usual.
"""

import datetime

from django.db import connections, router
from django.db.models import prefetch_related_objects
from django.db.models.query import get_related_populators

from sharedservices.prepared import prepared_cursor

# Values no real row has, one per kind of value a query may be given: each is found among the compiled query's
# parameters and replaced there with the call's own value.
STAND_IN_INT = 2_047_000_321  # positive and within a 32-bit column: Django finds nothing for a value out of range
STAND_IN_NOW = datetime.datetime(1901, 3, 4, 5, 6, 7, 891011, tzinfo=datetime.UTC)
STAND_IN_TEXT = "\x1fstand-in\x1f"


def stand_in_for(name, value, position):
    """A stand-in of the value's type, different for each of a query's values."""
    if isinstance(value, bool):
        raise TypeError(f"{name}: a yes/no value changes a query's shape; make it part of the shape instead")
    if isinstance(value, int):
        return STAND_IN_INT + position
    if isinstance(value, datetime.datetime):
        return STAND_IN_NOW + datetime.timedelta(days=position)
    if isinstance(value, str):
        return f"{STAND_IN_TEXT}{name}"
    raise TypeError(f"{name}: only whole numbers, times and text can be given to a compiled query")


class CompiledRows:
    """One compiled query: its SQL, where each call's values go, and how its rows become model instances."""

    def __init__(self, queryset, stand_ins):
        db = queryset.db
        compiler = queryset.query.get_compiler(db)
        self.sql, params = compiler.as_sql()
        by_stand_in = {stand_in: name for name, stand_in in stand_ins.items()}
        self.params = [
            (by_stand_in[param], None) if _is_stand_in(param, by_stand_in) else (None, param) for param in params
        ]
        missing = set(stand_ins) - {name for name, _ in self.params if name}
        if missing:
            raise ValueError(
                f"{', '.join(sorted(missing))}: written into the SQL or not used, so it cannot be replaced"
            )
        if any(isinstance(param, datetime.datetime) for name, param in self.params if name is None):
            # Such as published() called without `now`: that moment would be kept for the life of the process.
            raise ValueError("the query holds a time other than the values it was built with")
        self.compiler = compiler
        self.model = compiler.klass_info["model"]
        select_fields = compiler.klass_info["select_fields"]
        self.fields = slice(select_fields[0], select_fields[-1] + 1)
        self.field_names = [column[0].target.attname for column in compiler.select[self.fields]]
        self.populators = get_related_populators(compiler.klass_info, compiler.select, db)
        self.annotations = compiler.annotation_col_map
        self.converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        self.prefetch = queryset._prefetch_related_lookups

    def run(self, db, values):
        params = [values[name] if name else param for name, param in self.params]
        with prepared_cursor(connections[db]) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        items = []
        for row in rows:
            item = self.model.from_db(db, self.field_names, row[self.fields])
            for populator in self.populators:
                populator.populate(row, item)
            for name, position in self.annotations.items():
                setattr(item, name, row[position])
            items.append(item)
        if self.prefetch:
            prefetch_related_objects(items, *self.prefetch)
        return items


def _is_stand_in(param, by_stand_in):
    return not isinstance(param, bool) and isinstance(param, int | str | datetime.datetime) and param in by_stand_in


class CompiledQuerySet:
    """`build(shape, **values)` returns a queryset of one model (it may select related rows and prefetch) whose SQL
    depends only on `shape` (hashable: a model, a kind of list), never on `values`. Calling this with a shape and
    values returns the queryset's rows as a list, on PostgreSQL from SQL compiled once per shape."""

    def __init__(self, build):
        self.build = build
        self.compiled = {}

    def __call__(self, shape, **values):
        if any(value is None for value in values.values()):
            return list(self.build(shape, **values))  # SQL compares with NULL differently: let Django write it
        compiled = self.compiled.get(shape)
        if compiled is None:
            queryset = self.build(shape, **values)
            if connections[queryset.db].vendor != "postgresql":
                return list(queryset)
            compiled = self.compile(shape, values)
        db = router.db_for_read(compiled.model)
        return compiled.run(db, values)

    def compile(self, shape, values):
        stand_ins = {name: stand_in_for(name, value, position) for position, (name, value) in enumerate(values.items())}
        compiled = CompiledRows(self.build(shape, **stand_ins), stand_ins)
        self.compiled[shape] = compiled
        return compiled


class QueryShape:
    """A queryset as the shape of a compiled query: equal to another when both read the same model with the same
    related rows joined, prefetched and deferred, and filter, order and annotate nothing (a kind's view passes
    such a queryset for its item). `key` is None for any other queryset, which cannot be compiled this way."""

    def __init__(self, queryset):
        self.queryset = queryset
        query = queryset.query
        plain = not (query.has_filters() or query.order_by or query.annotations or query.extra or query.distinct)
        self.key = (
            (
                queryset.model,
                repr(query.select_related),
                tuple(queryset._prefetch_related_lookups),
                query.deferred_loading,
            )
            if plain and not query.is_sliced
            else None
        )

    def __hash__(self):
        return hash(self.key)

    def __eq__(self, other):
        return isinstance(other, QueryShape) and self.key == other.key
