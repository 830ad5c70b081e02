"""Indexes for ranking large result sets from a bounded pool: titles equal to the query
(btree on title_key) and titles holding the query (GIN on title_vector, PostgreSQL only)."""

from django.db import migrations, models


def add_title_vector_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX searchentry_title_vector_idx ON search_searchentry USING gin (title_vector)"
        )


def drop_title_vector_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchentry_title_vector_idx")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_dwp_synonym")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["title_key"], name="searchentry_title_key_idx"),
        ),
        migrations.RunPython(add_title_vector_index, drop_title_vector_index),
    ]
