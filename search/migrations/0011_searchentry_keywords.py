"""The words readers search with (an item's search keywords, a landing page's purpose phrases) get a column of
their own, weighed like the summary: on PostgreSQL at weight B of the stored tsvector, on SQLite as a fourth
FTS5 column. Both engine objects are rebuilt here. Landing pages' purpose phrases move from extra_text to the new
column; items have no search keywords until editors give them some, so their rows need nothing."""

# ruff: noqa: S608 - SQL here is joined from constant fragments; nothing is read from input.

from django.db import migrations, models

VECTOR = """
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '') || ' ' || coalesce(keywords, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(body_text, '') || ' ' || coalesce(extra_text, '')), 'C')
"""
OLD_VECTOR = """
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(body_text, '') || ' ' || coalesce(extra_text, '')), 'C')
"""


def postgres_vector(vector):
    return [
        "ALTER TABLE search_searchentry DROP COLUMN search_vector",
        f"ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED",
        "CREATE INDEX searchentry_vector_idx ON search_searchentry USING gin (search_vector)",
        "ANALYZE search_searchentry",
    ]


def sqlite_fts(columns, values):
    names = ", ".join(columns)
    return [
        "DROP TRIGGER IF EXISTS search_fts_insert",
        "DROP TRIGGER IF EXISTS search_fts_delete",
        "DROP TRIGGER IF EXISTS search_fts_update",
        "DROP TABLE IF EXISTS search_fts",
        f"CREATE VIRTUAL TABLE search_fts USING fts5({names}, tokenize = 'porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
        f"INSERT INTO search_fts (rowid, {names}) VALUES ({values.format(row='new.')}); END",
        "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
        "DELETE FROM search_fts WHERE rowid = old.id; END",
        "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
        "DELETE FROM search_fts WHERE rowid = old.id; "
        f"INSERT INTO search_fts (rowid, {names}) VALUES ({values.format(row='new.')}); END",
        f"INSERT INTO search_fts (rowid, {names}) SELECT {values.format(row='')} FROM search_searchentry",
    ]


FORWARDS = {
    "postgresql": postgres_vector(VECTOR),
    "sqlite": sqlite_fts(
        ["title", "summary", "body", "keywords"],
        "{row}id, {row}title, {row}summary, {row}body_text || ' ' || {row}extra_text, {row}keywords",
    ),
}
BACKWARDS = {
    "postgresql": postgres_vector(OLD_VECTOR),
    "sqlite": sqlite_fts(
        ["title", "summary", "body"], "{row}id, {row}title, {row}summary, {row}body_text || ' ' || {row}extra_text"
    ),
}


def move_landing_phrases(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchEntry.objects.exclude(page_name="").update(keywords=models.F("extra_text"), extra_text="")


def forwards(apps, schema_editor):
    for statement in FORWARDS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for statement in BACKWARDS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0010_phrase_synonyms")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="keywords",
            field=models.TextField(
                blank=True,
                help_text="The words readers search with for this page (never shown): weighed like the summary.",
            ),
        ),
        migrations.RunPython(move_landing_phrases, migrations.RunPython.noop),
        migrations.RunPython(forwards, backwards),
    ]
