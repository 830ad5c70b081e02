"""A real server process whose database does not answer serves a styled 503."""

import pytest

from tests.servers import free_port, get, gunicorn_server


@pytest.fixture
def server_without_database():
    """A gunicorn server, DEBUG off, whose PostgreSQL address has nothing listening."""
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "outage-test-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
        "DATABASE_POOL_TIMEOUT": "2",
    }
    with gunicorn_server(env) as base:
        yield base


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
