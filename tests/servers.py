"""Real server processes for tests that need the whole stack: gunicorn on a free loopback port, and the
documented nginx proxy (deploy/nginx/) in front of it."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A Redis database the suite may empty (TEST_REDIS_URL chooses another, for runs side by side).
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# Both page caches in that Redis database, for tests of the cache shared by several app servers.
REDIS_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": TEST_REDIS_URL},
    "generation": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": TEST_REDIS_URL,
        "KEY_PREFIX": "gen",
    },
}
PRODUCTION_LIKE = {
    "DEBUG": "false",
    "SECRET_KEY": "production-like-test-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, headers=None):
    """(status, body) of a GET, for any status."""
    status, _, body = fetch(url, headers)
    return status, body.decode(errors="replace")


def fetch(url, headers=None, method="GET", data=None, timeout=30):
    """(status, headers, body bytes) of a request, for any status."""
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_answering(url, process=None, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server stopped before answering {url}")
        try:
            if get(url)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered {url} within {seconds} s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextlib.contextmanager
def gunicorn_server(extra_env, workers=1, log_path=None):
    """Start gunicorn with the test settings plus extra_env; yield its base URL once it answers.

    It is started as README.md says production starts it, from the project directory, so
    it reads gunicorn.conf.py. Its output goes to log_path when given.
    """
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sharedservices.settings_test", **extra_env}
    output = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sharedservices.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT if log_path else subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/healthz", process)
        yield base
    finally:
        stop(process)
        if log_path:
            output.close()


@contextlib.contextmanager
def nginx_proxy(upstream_base):
    """The documented nginx proxy (scripts/nginx_proxy.py) in front of a server; yield its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "nginx_proxy.py"),
            "--upstream",
            upstream_base.removeprefix("http://"),
            "--listen",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/healthz", process)
        yield base
    finally:
        stop(process)
