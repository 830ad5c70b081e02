"""A running server survives the database going away and coming back, without a restart."""

import contextlib
import socket
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.servers import free_port, get, gunicorn_server

ROOT = Path(__file__).resolve().parents[2]


class SwitchableDatabaseProxy:
    """A TCP port that refuses connections until switched on, then forwards them to PostgreSQL."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.threads = []

    def switch_on(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.2)
        self.running = True
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self.threads.append(thread)

    def _accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self):
        self.running = False
        if self.listener:
            self.listener.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exercises the PostgreSQL connection pool")
@pytest.mark.django_db(transaction=True)
def test_server_serves_503_while_the_database_is_away_and_recovers_when_it_returns():
    settings = connection.settings_dict
    proxy = SwitchableDatabaseProxy(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    env = {
        "DATABASE_URL": f"postgres://{settings['USER']}@127.0.0.1:{proxy.port}/{settings['NAME']}",
        "DATABASE_POOL_TIMEOUT": "2",
    }
    with gunicorn_server(env) as base:
        try:
            status, body = get(base + "/faq/")
            assert status == 503 and "Sorry, the service is unavailable" in body
            assert get(base + "/readyz")[0] == 503

            proxy.switch_on()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and get(base + "/readyz")[0] != 200:
                time.sleep(0.5)
            assert get(base + "/readyz")[0] == 200
            status, body = get(base + "/faq/")
            assert status == 200 and "Frequently asked questions" in body
        finally:
            proxy.close()
