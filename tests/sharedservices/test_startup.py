"""Starting Django with real environment variables, in a fresh process each time."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    env.update({"DJANGO_SETTINGS_MODULE": "sharedservices.settings", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_server_refuses_to_start_in_production_without_a_secret_key():
    result = run_check({"DEBUG": "false", "ALLOWED_HOSTS": "guidance.example.gov.uk"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_server_refuses_to_start_in_production_without_allowed_hosts():
    result = run_check({"DEBUG": "false", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_server_starts_with_a_safe_production_configuration():
    result = run_check({"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "guidance.example.gov.uk"})
    assert result.returncode == 0, result.stderr


def test_server_starts_locally_with_debug_and_no_other_configuration():
    result = run_check({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_the_local_sqlite_default_passes_every_check_without_a_warning(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="sharedservices.settings_test", PAGE_CACHE_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--database", "default", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr
