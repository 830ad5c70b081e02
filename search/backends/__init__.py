"""One small interface over the database's own full-text search, chosen by the connection's vendor."""

from django.db import DEFAULT_DB_ALIAS, connections

from search.backends.base import Facets, Filters, SearchBackend  # noqa: F401


def backend_for(alias=DEFAULT_DB_ALIAS):
    connection = connections[alias]
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        from search.backends.sqlite import SqliteBackend

        return SqliteBackend(connection)
    raise NotImplementedError(f"Search has no backend for {connection.vendor}.")


def get_backend():
    return backend_for(DEFAULT_DB_ALIAS)
