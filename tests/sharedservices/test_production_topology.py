"""The portal as production runs it: real gunicorn processes, the nginx proxy in front, Redis and PostgreSQL."""

import gzip
import http.client
import re
import socket
import time
import urllib.parse

import pytest
from django.db import connection

from bench.slow_clients import attack, longest_outage
from scripts.tcp_relay import TcpRelay
from tests.factories import make_editor, make_question, make_template
from tests.servers import (
    PRODUCTION_LIKE,
    TEST_REDIS_URL,
    fetch,
    free_port,
    gunicorn_server,
    nginx_proxy,
)

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs server processes against PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def database_env():
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return {"DATABASE_URL": f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"}


def server_env(**extra):
    """A production-like server (DEBUG off) on the test database, with the page cache on."""
    return {**PRODUCTION_LIKE, **database_env(), "PAGE_CACHE_ENABLED": "true", **extra}


def redis_flushed(url):
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()


def text_of(headers, body):
    return (gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body).decode()


# A SCRIPT_NAME header from an address gunicorn trusts (the proxy's, 127.0.0.1) -----------------------


def test_a_script_name_header_cannot_put_another_page_in_the_cache(tmp_path):
    make_question(title="Is this the FAQ?")
    env = server_env(PAGE_CACHE_DIR=str(tmp_path))
    with gunicorn_server(env) as base:
        fetch(base + "/faq/", {"SCRIPT_NAME": "/faq", "Accept-Encoding": "gzip"})
        status, headers, body = fetch(base + "/faq/", {"Accept-Encoding": "gzip"})
    html = text_of(headers, body)
    assert status == 200
    assert "Is this the FAQ?" in html and "Frequently asked questions" in html
    assert 'href="/faq/faq/' not in html


# gunicorn's control socket ------------------------------------------------------------------------------


def test_gunicorn_started_as_documented_opens_no_shared_control_socket(tmp_path):
    home, runtime = tmp_path / "home", tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir()
    with gunicorn_server({**server_env(), "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}) as base:
        assert fetch(base + "/healthz")[0] == 200
        sockets = [path for path in tmp_path.rglob("*") if path.name.endswith(".ctl")]
    assert sockets == []


# Redis away, and back ---------------------------------------------------------------------------------


def test_with_redis_away_readers_are_served_uncached_and_readiness_says_degraded(tmp_path):
    question = make_question(title="Served while Redis is away?")
    template = make_template("A template", files=["odt"])
    log = tmp_path / "server.log"
    env = server_env(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    with gunicorn_server(env, log_path=log) as base:
        for path in ["/", "/faq/", f"/faq/{question.slug}/", "/search/?q=redis", "/toolkit/templates/"] * 3:
            status, headers, _ = fetch(base + path)
            assert status == 200, path
        status, _, body = fetch(base + f"/toolkit/templates/{template.slug}/odt/download/")
        assert status == 200 and body.startswith(b"PK")
        status, _, body = fetch(base + "/readyz")
        assert status == 200 and b'"cache": "not answering"' in body and b'"degraded"' in body
    assert log.read_text().count("Page cache not answering") == 1


def test_when_redis_comes_back_the_cache_is_used_again_without_a_restart(tmp_path):
    make_question(title="Cached again?")
    redis_flushed(TEST_REDIS_URL)
    redis_address = urllib.parse.urlsplit(TEST_REDIS_URL)
    switch = TcpRelay(redis_address.hostname, redis_address.port or 6379)
    log = tmp_path / "server.log"
    env = server_env(REDIS_URL=f"redis://127.0.0.1:{switch.port}{redis_address.path}")
    try:
        with gunicorn_server(env, log_path=log) as base:
            assert "X-Page-Cache" not in fetch(base + "/faq/")[1]
            switch.open()
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and fetch(base + "/faq/")[1].get("X-Page-Cache") != "hit":
                time.sleep(0.5)
            status, headers, body = fetch(base + "/faq/")
            assert status == 200 and headers.get("X-Page-Cache") == "hit"
            assert b"Cached again?" in body
    finally:
        switch.cut()
        redis_flushed(TEST_REDIS_URL)
    output = log.read_text()
    assert output.count("Page cache not answering") == 1 and output.count("Page cache answering again") == 1


# Bodies over the limit --------------------------------------------------------------------------------


def test_a_200_mb_body_is_refused_before_it_is_sent(tmp_path):
    with gunicorn_server(server_env(PAGE_CACHE_DIR=str(tmp_path))) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(
                b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                b"Content-Length: 209715200\r\n\r\n--x\r\n"
            )
            answer = sock.recv(200)
    assert answer.startswith(b"HTTP/1.1 413")


# Sign-in lock-out behind the proxy -----------------------------------------------------------------------


def sign_in_from(address, port, username, password, spoofed_for=None):
    """Sign in through the proxy from a loopback address of our choosing; return the status."""

    def request(method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(address, 0))
        conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        result = response.status, response.getheader("Set-Cookie", ""), response.read().decode()
        conn.close()
        return result

    _, cookie, html = request("GET", "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    headers = {"Cookie": f"csrftoken={csrf_cookie}", "Content-Type": "application/x-www-form-urlencoded"}
    if spoofed_for:
        headers["X-Forwarded-For"] = spoofed_for
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    return request("POST", "/admin/login/?next=/admin/", form, headers)[0]


def test_behind_the_proxy_wrong_guesses_lock_out_the_guesser_not_the_editor(tmp_path):
    make_editor("erin")
    env = server_env(PAGE_CACHE_DIR=str(tmp_path), TRUSTED_PROXIES="127.0.0.1")
    with gunicorn_server(env) as app, nginx_proxy(app) as proxy:
        port = int(proxy.rsplit(":", 1)[1])
        # The guesser also claims to be the editor's address: the proxy replaces the header.
        guesses = [sign_in_from("127.0.0.5", port, "erin", "wrong", spoofed_for="127.0.0.6") for _ in range(5)]
        assert guesses == [200, 200, 200, 200, 429]
        assert sign_in_from("127.0.0.5", port, "erin", "correct-horse-battery-staple") == 429
        assert sign_in_from("127.0.0.6", port, "erin", "correct-horse-battery-staple") == 302


# Slow clients ---------------------------------------------------------------------------------------------


def test_slow_clients_do_not_stop_the_service_behind_the_proxy(tmp_path):
    with gunicorn_server(server_env(PAGE_CACHE_DIR=str(tmp_path)), workers=1) as app, nginx_proxy(app) as proxy:
        port = int(proxy.rsplit(":", 1)[1])
        results = attack(port, proxy + "/healthz", connections=4, seconds=5)
    assert len(results) >= 6
    assert longest_outage(results) == 0


def test_the_attack_does_stop_a_sync_worker_facing_clients_directly(tmp_path):
    with gunicorn_server(server_env(PAGE_CACHE_DIR=str(tmp_path)), workers=1) as app:
        port = int(app.rsplit(":", 1)[1])
        results = attack(port, app + "/healthz", connections=2, seconds=4)
    assert longest_outage(results) > 0  # why gunicorn is never bound publicly
