"""Synonyms editors start with; they can change or remove them in the admin."""

from django.db import migrations

DEFAULT_SYNONYMS = [
    ("HR, human resources, personnel", "Readers use the abbreviation and the full name."),
    ("SSC, shared service centre, shared services centre", "The abbreviation and both spellings."),
    ("redundancy, redundancies, job losses, lose my job, lose their jobs, job cuts", "How readers ask about jobs."),
    ("buying, procurement, purchasing", "Everyday words for procurement."),
    ("save, savings, cost reduction", "How readers ask about savings."),
    ("finance, accounting, accounts", "Finance work under its other names."),
    ("ERP, enterprise resource planning", "The abbreviation and the full name."),
    ("SLA, service level agreement", "The abbreviation and the full name."),
    ("OBC, outline business case", "The abbreviation and the full name."),
    ("offshore, offshoring, overseas, abroad", "How readers ask about moving work out of the country."),
    ("outsourcing, contracting out", "Other words for outsourcing."),
    ("staff, employees, workforce", "Other words for the people who do the work."),
    ("benchmark, benchmarking, compare costs", "How readers ask about comparing costs."),
    ("TUPE, transfer of undertakings", "The abbreviation and the regulations' name."),
]


def add_defaults(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms, note in DEFAULT_SYNONYMS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


def remove_defaults(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for terms, _ in DEFAULT_SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_index")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
