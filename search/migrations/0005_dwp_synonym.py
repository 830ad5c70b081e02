"""One more default synonym: readers and the guidance use both DWP and the department's full name."""

from django.db import migrations

TERMS = "DWP, Department for Work and Pensions"


def add(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.get_or_create(
        terms=TERMS, defaults={"note": "The abbreviation and the full name."}
    )


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms=TERMS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_title_key")]

    operations = [migrations.RunPython(add, remove)]
