"""The engine-specific part of the search index, for whichever database is in use.

PostgreSQL: a stored, weighted tsvector (title A, summary B, body and extra text C)
with a GIN index, and pg_trgm with a trigram index on the vocabulary.
SQLite: an FTS5 table with triggers that keep it in step with search_searchentry.
Any other database gets nothing and has no search backend.
"""

# ruff: noqa: S608 - SQL here is joined from constant fragments and %s placeholders; every value is bound.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES_FORWARDS = [
    """
    ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(body_text, '') || ' ' || coalesce(extra_text, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX searchentry_vector_idx ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX searchword_trgm_idx ON search_searchword USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS searchword_trgm_idx",
    "DROP INDEX IF EXISTS searchentry_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]

SQLITE_VALUES = "new.id, new.title, new.summary, new.body_text || ' ' || new.extra_text"
SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    f"INSERT INTO search_fts (rowid, title, summary, body) VALUES ({SQLITE_VALUES}); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; "
    f"INSERT INTO search_fts (rowid, title, summary, body) VALUES ({SQLITE_VALUES}); END",
    "INSERT INTO search_fts (rowid, title, summary, body) "
    "SELECT id, title, summary, body_text || ' ' || extra_text FROM search_searchentry",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_FORWARDS, "sqlite": SQLITE_FORWARDS})


def backwards(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_BACKWARDS, "sqlite": SQLITE_BACKWARDS})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        # Does nothing on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
