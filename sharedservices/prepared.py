"""Statements PostgreSQL plans once per database connection and then only executes.

A reader page's longest query (a topic's first few items of nine kinds, a stage's, a guide's or a question's
related lists) keeps its SQL from one request to the next; only the item and the time change. Planning such a
UNION took longer than running it (a topic at 100,000 items: 2.1 ms of planning, 1.6 ms of running), so those
queries are prepared: psycopg sends them bound on the server, PostgreSQL plans each once for any values
(sharedservices.config.PLANNED_ONCE) and keeps the plan for the connection, which the pool keeps open. The topic's
query went from 3.0 ms to 1.1 ms. Every other query is bound on the client and never prepared, as Django does by
default: a generic plan can be much slower for queries whose best plan depends on their values (a search took 125 ms
instead of 68 when every statement was prepared).
"""

from contextlib import contextmanager

import psycopg


class PreparingCursor(psycopg.Cursor):
    """A cursor that binds its parameters on the server and prepares every statement it executes (the connection's
    prepare_threshold must not be None: see sharedservices.config.PREPARE_ONLY_WHEN_ASKED)."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        super().execute(query, params, prepare=True, binary=binary)
        if self._query is None:
            # psycopg keeps no text for a prepared statement's run, and Django logs a query (connection.queries, the
            # debug toolbar) from this one: give it the statement as sent ($1 for each value).
            self._query = self._convert_query(query, params)
        return self


@contextmanager
def prepared_cursor(connection):
    """A cursor on `connection` (Django's) that prepares what it executes, wrapped as Django wraps its own so that
    its queries are logged and counted like any other; on a database other than PostgreSQL, an ordinary cursor."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    raw = PreparingCursor(connection.connection)
    wrapped = connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
    with wrapped as cursor:
        yield cursor
