"""Query budgets that depend on the database engine."""

from django.db import connection


def lists_at_once(count):
    """The queries publishing.pagination.shortlists() runs for `count` short lists: one UNION on PostgreSQL, one
    each on SQLite, which cannot limit each part of a UNION."""
    return 1 if connection.features.supports_slicing_ordering_in_compound else count
