"""The engine-specific index objects exist, and the backend matches the database."""

import pytest
from django.db import connection

from search.backends import get_backend
from tests.factories import make_question
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 objects")
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text objects")


def test_the_backend_is_chosen_by_the_database_vendor():
    assert get_backend().vendor == connection.vendor


@postgres_only
def test_postgres_has_the_weighted_vector_gin_index_and_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'search_%%'")
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
    assert "USING gin (search_vector)" in indexes["searchentry_vector_idx"]
    assert "gin_trgm_ops" in indexes["searchword_trgm_idx"]
    assert "pg_trgm" in extensions


@postgres_only
def test_postgres_vector_weights_title_summary_and_body():
    make_question("Pension", summary="Leave.", body="Holiday.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM search_searchentry")
        vector = cursor.fetchone()[0]
    assert "'pension':1A" in vector and "'leav':2B" in vector and "'holiday':3C" in vector


@sqlite_only
def test_sqlite_keeps_the_fts_table_in_step_through_triggers():
    item = make_question("Pension arrangements")
    item.title = "Annual leave"
    item.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM search_fts")
        assert cursor.fetchall() == [("Annual leave",)]
    item.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_fts")
        assert cursor.fetchone()[0] == 0


@sqlite_only
def test_sqlite_triggers_come_back_after_a_migration_rebuilds_the_table(search, no_synonyms):
    make_question("Pension arrangements")
    with connection.cursor() as cursor:
        for name in ("search_fts_insert", "search_fts_update", "search_fts_delete"):
            cursor.execute(f"DROP TRIGGER {name}")
    get_backend().ensure_engine_objects()
    make_question("Pension rules")
    assert sorted(titles(search("pension")[1])) == ["Pension arrangements", "Pension rules"]


def test_index_size_is_reported():
    make_question("Pension arrangements")
    sizes = get_backend().index_size()
    if connection.vendor == "postgresql":
        assert sizes["search_searchentry"] > 0 and sizes["searchentry_vector_idx"] > 0
