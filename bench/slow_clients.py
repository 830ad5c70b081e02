"""Slow clients against the server: `make check-slow-clients`, or

    .venv/bin/python bench/slow_clients.py [--connections 4] [--seconds 12] [--workers 2]

The attack from the security review: a few connections that send their request
headers one line a second and never finish. gunicorn's sync workers each read one
request at a time, so as many slow connections as there are workers stop the whole
service. The script starts gunicorn as production does (DEBUG off, gunicorn.conf.py,
on a loopback port) and the documented nginx proxy in front of it (deploy/nginx/,
scripts/nginx_proxy.py), then runs the same attack twice, against gunicorn directly
and against nginx, while a reader asks for /healthz every half second. It prints how
long the service stopped each time, and exits 1 if the service stopped behind nginx
(the production topology), 0 otherwise.

Everything listens on and talks to 127.0.0.1 only; every loop is bounded in time.
"""

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROBE_TIMEOUT = 2.0
PROBE_EVERY = 0.5


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def slow_connection(port, seconds, stop):
    """Send a request's headers one line a second for `seconds`, never ending them."""
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        deadline = time.monotonic() + seconds
        line = 0
        while time.monotonic() < deadline and not stop.is_set():
            sock.sendall(f"X-Slow-{line}: {'a' * 10}\r\n".encode())
            line += 1
            stop.wait(1)


def probe(url, seconds, stop):
    """Ask for `url` every PROBE_EVERY seconds; return (time sent, seconds taken or None if it failed)."""
    results = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not stop.is_set():
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=PROBE_TIMEOUT) as response:  # noqa: S310 - loopback only
                response.read()
                results.append((started, time.monotonic() - started if response.status == 200 else None))
        except (urllib.error.URLError, OSError):
            results.append((started, None))
        stop.wait(max(0.0, PROBE_EVERY - (time.monotonic() - started)))
    return results


def attack(target_port, probe_url, connections, seconds):
    """Hold `connections` slow connections to target_port while probing; return the probe results."""
    stop = threading.Event()
    attackers = [
        threading.Thread(target=slow_connection, args=(target_port, seconds, stop), daemon=True)
        for _ in range(connections)
    ]
    for thread in attackers:
        thread.start()
    time.sleep(1)  # let every slow connection reach a worker (or nginx) first
    try:
        return probe(probe_url, seconds - 1, stop)
    finally:
        stop.set()
        for thread in attackers:
            thread.join(timeout=5)


def longest_outage(results):
    """The longest run of failed or slower-than-PROBE_TIMEOUT probes, in seconds (0 when every probe was served)."""
    longest, began = 0.0, None
    for started, taken in results:
        if taken is None or taken >= PROBE_TIMEOUT:
            began = started if began is None else began
            longest = max(longest, started + PROBE_TIMEOUT - began)
        else:
            began = None
    return longest


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


@contextlib.contextmanager
def running(command, env=None):
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=4, help="slow connections (default 4)")
    parser.add_argument("--seconds", type=int, default=12, help="how long each attack lasts (default 12)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    args = parser.parse_args()

    app_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sharedservices.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "slow-clients-check-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }
    gunicorn = [sys.executable, "-m", "gunicorn", "sharedservices.wsgi", "--bind", f"127.0.0.1:{app_port}"]
    with running([*gunicorn, "--workers", str(args.workers)], env):
        wait_for(f"http://127.0.0.1:{app_port}/healthz")
        proxy_port = free_port()
        nginx = [sys.executable, "scripts/nginx_proxy.py", "--upstream", f"127.0.0.1:{app_port}"]
        with running([*nginx, "--listen", f"127.0.0.1:{proxy_port}"]):
            wait_for(f"http://127.0.0.1:{proxy_port}/healthz")
            outages = {}
            for label, port in (("gunicorn directly", app_port), ("behind nginx", proxy_port)):
                print(f"{args.connections} slow connections for {args.seconds} s, {label}…", flush=True)
                results = attack(port, f"http://127.0.0.1:{port}/healthz", args.connections, args.seconds)
                served = sum(1 for _, taken in results if taken is not None and taken < PROBE_TIMEOUT)
                outages[label] = longest_outage(results)
                print(
                    f"  {served}/{len(results)} probes served; service stopped for {outages[label]:.1f} s", flush=True
                )
    if outages["behind nginx"] > 0:
        print("FAIL: slow clients stopped the service behind the proxy")
        return 1
    print("OK: behind the proxy, slow clients never stopped the service")
    return 0


if __name__ == "__main__":
    sys.exit(main())
