"""What only the search tests need: result titles, engine-only marks and the seeded synonyms."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="uses pg_trgm or PostgreSQL's result-set limits, which SQLite lacks"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="a tie-break of SQLite's ranking; PostgreSQL weighs the title its own way"
)

# The migrations that seed the default synonyms, and the function in each that adds them.
SYNONYM_MIGRATIONS = {"0003_default_synonyms": "add_defaults", "0005_dwp_synonym": "add"}


def titles(outcome):
    """The titles of a search outcome's results, in the order shown."""
    return [result.entry.title for result in outcome.results]


def ensure_default_synonyms():
    """The synonyms the migrations seed. A test database kept between runs (--reuse-db) may have been
    emptied by a transactional test, so tests that rely on them put them back first."""
    for name, add in SYNONYM_MIGRATIONS.items():
        migration = importlib.import_module(f"search.migrations.{name}")
        getattr(migration, add)(apps, None)
