"""A page's other names for ranking: each phrase readers search with for it, and each part of a title with a
colon, keyed like the title. Rows already indexed get theirs from the title and the keywords column (phrases
joined with ", "); a rebuild writes them from the content. On PostgreSQL a GIN index on the keys as an array lets
a query that matches too many pages to rank them all still add the pages it names to its pool of candidates."""

import importlib
import re

from django.db import migrations, models

# The stop words as 0004 froze them: the keys are made the way that migration made the title keys.
STOP_WORDS = importlib.import_module("search.migrations.0004_title_key").STOP_WORDS


def key(text):
    return " ".join(w for w in (w.lower() for w in re.findall(r"[^\W_]+", text)) if w not in STOP_WORDS)


def fill_name_keys(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    for entry in SearchEntry.objects.only("pk", "title", "keywords"):
        parts = entry.title.split(":") if ":" in entry.title else []
        names = [text for text in [*parts, *entry.keywords.split(", ")] if len(re.findall(r"[^\W_]+", text)) >= 2]
        keys = dict.fromkeys(k for k in map(key, names) if k and k != key(entry.title))
        if keys:
            entry.name_keys = f"|{'|'.join(keys)}|"
            entry.save(update_fields=["name_keys"])


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX searchentry_name_keys_idx ON search_searchentry "
            "USING gin (string_to_array(btrim(name_keys, '|'), '|'))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchentry_name_keys_idx")


class Migration(migrations.Migration):
    dependencies = [("search", "0011_searchentry_keywords")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="name_keys",
            field=models.TextField(
                blank=True,
                help_text="Other names a reader may give the page, keyed like the title and written |key|key|: each "
                "of the words readers search with for it, and each part of a title with a colon. A query equal to "
                "one ranks next after the exact title.",
            ),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.RunPython(add_index, drop_index),
    ]
