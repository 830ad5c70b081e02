"""The documented backup procedures restore everything: pg_dump/pg_restore, and export_content."""

import hashlib
import os
import shutil
import subprocess

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from reversion.models import Version

from publishing.registry import content_models

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL tools"),
]


def counts_in(database):
    """Rows per content table and stored versions, read from the named database with psql."""
    tables = [m._meta.db_table for m in content_models()] + [Version._meta.db_table, "publishing_changenote"]
    query = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
    result = subprocess.run(
        ["psql", *libpq_args(database), "-tA", "-F", "=", "-c", query],
        capture_output=True,
        text=True,
        check=True,
        env=libpq_env(),
    )
    return dict(line.split("=") for line in result.stdout.split())


def libpq_args(database):
    settings = connection.settings_dict
    return [
        "-h",
        settings["HOST"] or "127.0.0.1",
        "-p",
        str(settings["PORT"] or 5432),
        "-U",
        settings["USER"],
        "-d",
        database,
    ]


def libpq_env():
    return {**os.environ, "PGPASSWORD": connection.settings_dict.get("PASSWORD") or ""}


def stored_files():
    """(path, sha256) of every file a model's FileField points at."""
    found = []
    for model in apps.get_models():
        for field in model._meta.fields:
            if isinstance(field, models.FileField):
                for name in model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True):
                    storage = field.storage
                    with storage.open(name, "rb") as handle:
                        found.append((name, hashlib.sha256(handle.read()).hexdigest()))
    return sorted(found)


def test_pg_dump_and_pg_restore_bring_back_every_item_revision_and_file(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content")
    before, files_before = counts_in(connection.settings_dict["NAME"]), stored_files()
    assert int(before["faq_question"]) > 20 and int(before[Version._meta.db_table]) > 20

    dump = tmp_path / "guidance.dump"
    subprocess.run(
        ["pg_dump", *libpq_args(connection.settings_dict["NAME"]), "-Fc", "-f", str(dump)], check=True, env=libpq_env()
    )
    backup_media = tmp_path / "media-backup"
    if settings.MEDIA_ROOT.exists():
        shutil.copytree(settings.MEDIA_ROOT, backup_media)

    restored = connection.settings_dict["NAME"] + "_restored"
    subprocess.run(["dropdb", *libpq_args("postgres")[:-2], "--if-exists", restored], check=True, env=libpq_env())
    subprocess.run(["createdb", *libpq_args("postgres")[:-2], restored], check=True, env=libpq_env())
    try:
        subprocess.run(["pg_restore", *libpq_args(restored), "--no-owner", str(dump)], check=True, env=libpq_env())
        assert counts_in(restored) == before
    finally:
        subprocess.run(["dropdb", *libpq_args("postgres")[:-2], "--if-exists", restored], check=True, env=libpq_env())
    if files_before:
        shutil.rmtree(settings.MEDIA_ROOT)
        shutil.copytree(backup_media, settings.MEDIA_ROOT)
        assert stored_files() == files_before
