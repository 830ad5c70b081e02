"""A real server process whose database does not answer serves a styled 503."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def server_without_database():
    """A gunicorn server, DEBUG off, whose PostgreSQL address has nothing listening."""
    port, dead_db_port = free_port(), free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "outage-test-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{dead_db_port}/nothing",
        "DATABASE_POOL_TIMEOUT": "2",
        "DJANGO_SETTINGS_MODULE": "sharedservices.settings_test",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sharedservices.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if get(base + "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_readiness_fails_while_liveness_passes_when_the_database_is_down(server_without_database):
    assert get(server_without_database + "/healthz")[0] == 200
    status, body = get(server_without_database + "/readyz")
    assert status == 503
    assert "not answering" in body


def test_reader_gets_styled_503_page_when_the_database_is_down(server_without_database):
    # A session cookie makes the request read the database before any view runs.
    status, body = get(server_without_database + "/admin/", headers={"Cookie": "sessionid=" + "a" * 32})
    assert status == 503
    assert "Sorry, the service is unavailable" in body
    assert "Traceback" not in body
