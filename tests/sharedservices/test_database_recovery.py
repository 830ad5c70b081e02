"""A running server survives the database going away and coming back, without a restart."""

import time
from pathlib import Path

import pytest
from django.db import connection

from scripts.tcp_relay import TcpRelay
from tests.servers import get, gunicorn_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exercises the PostgreSQL connection pool")
@pytest.mark.django_db(transaction=True)
def test_server_serves_503_while_the_database_is_away_and_recovers_when_it_returns():
    settings = connection.settings_dict
    proxy = TcpRelay(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    env = {
        "DATABASE_URL": f"postgres://{settings['USER']}@127.0.0.1:{proxy.port}/{settings['NAME']}",
        "DATABASE_POOL_TIMEOUT": "2",
    }
    with gunicorn_server(env) as base:
        try:
            status, body = get(base + "/faq/")
            assert status == 503 and "Sorry, the service is unavailable" in body
            assert get(base + "/readyz")[0] == 503

            proxy.open()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and get(base + "/readyz")[0] != 200:
                time.sleep(0.5)
            assert get(base + "/readyz")[0] == 200
            status, body = get(base + "/faq/")
            assert status == 200 and "Frequently asked questions" in body
        finally:
            proxy.cut()
