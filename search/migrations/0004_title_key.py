"""Title signals for ranking: the title's key words (an exact match ranks first) and, on
PostgreSQL, a title-only tsvector for how much of the title a query covers."""

import re

from django.db import migrations, models

STOP_WORDS_TEXT = """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these those am
    is are was were be been being have has had having do does did doing a an the and but if or because as until
    while of at by for with about against between into through during before after above below to from up down
    in out on off over under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don should now"""
STOP_WORDS = set(STOP_WORDS_TEXT.split())


def fill_title_keys(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    for entry in SearchEntry.objects.only("pk", "title"):
        words = [w.lower() for w in re.findall(r"[^\W_]+", entry.title)]
        entry.title_key = " ".join(w for w in words if w not in STOP_WORDS)[:200]
        entry.save(update_fields=["title_key"])


def add_title_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS "
            "(setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')) STORED"
        )


def drop_title_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_default_synonyms")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="title_key",
            field=models.CharField(
                blank=True,
                help_text="The title's words without stop words: a query equal to it ranks first.",
                max_length=200,
            ),
        ),
        migrations.RunPython(fill_title_keys, migrations.RunPython.noop),
        migrations.RunPython(add_title_vector, drop_title_vector),
    ]
