"""The production topology under load and under faults: `make bench-cluster`, or

    .venv/bin/python bench/cluster_bench.py [--duration 15] [--write-results]

It starts scripts/cluster.py's topology (nginx → gunicorn app servers → Redis, PostgreSQL
primary + streaming replica, under .cluster/bench/) and drives it through nginx with wrk,
over a rotation of reader pages (bench/cluster_pages.lua), at 32 connections:

- uncached (PAGE_CACHE_ENABLED=false, so the app is the bottleneck), with one app server
  and with two;
- cached (the app's page cache on; nginx keeps pages for when the app cannot answer);
- during each fault, cached, two app servers: the fault starts a third of the way through
  the run and is repaired at two thirds: one app server killed (SIGKILL) and started
  again, the replica stopped and started, Redis cut off (through a relay the benchmark
  owns: the machine's Redis is never stopped) and back, the primary stopped and started.

It prints requests/s, p50/p99 latency and errors (socket errors and non-2xx/3xx answers)
with the machine's load average beside each, and with --write-results replaces the
"## Production topology" section of bench/RESULTS.md. Everything listens on 127.0.0.1.
"""

import argparse
import datetime
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.pages_bench import as_ms, ensure_debian_package, git_commit, load_average  # noqa: E402
from scripts.cluster import Cluster, free_port  # noqa: E402
from scripts.tcp_relay import TcpRelay  # noqa: E402

LUA = REPO / "bench" / "cluster_pages.lua"
RESULTS = REPO / "bench" / "RESULTS.md"


def log(message):
    print(message, flush=True)


def run_wrk(args, url, seconds):
    command = [args.wrk, "-t2", f"-c{args.connections}", f"-d{seconds}s", "--timeout=5s", "--latency",
               "-H", "Accept-Encoding: gzip", "-s", str(LUA), url]  # fmt: skip
    load_before = load_average()
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False).stdout  # noqa: S603
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    done = re.search(r"(\d+) requests in", output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(done.group(1)) if done else 0,
        "p50_ms": as_ms(latency["50"]) if "50" in latency else None,
        "p99_ms": as_ms(latency["99"]) if "99" in latency else None,
        "socket_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "load": f"{load_before} → {load_average()}",
    }


def with_fault(args, cluster, url, start, repair):
    """wrk for --duration seconds; the fault starts at a third and is repaired at two thirds of the run."""
    third = args.duration / 3

    def inject():
        time.sleep(third)
        start()
        time.sleep(third)
        repair()

    injector = threading.Thread(target=inject, daemon=True)
    injector.start()
    result = run_wrk(args, url, args.duration)
    injector.join(args.duration)
    return result


def fmt(value):
    return "—" if value is None else f"{value:.1f} ms" if value < 1000 else f"{value / 1000:.2f} s"


def row(label, result):
    errors = result["socket_errors"] + result["non_2xx"]
    return (
        f"| {label} | {result['rps']:,.0f} | {fmt(result['p50_ms'])} / {fmt(result['p99_ms'])} | "
        f"{result['requests']:,} | {errors:,} ({result['non_2xx']:,} non-2xx/3xx, {result['socket_errors']:,} socket) "
        f"| {result['load']} |"
    )


def bench(args):
    directory = REPO / ".cluster" / "bench"
    cluster = Cluster(directory, apps=2, workers=args.workers, primary_port=free_port(), replica_port=free_port())
    results = []
    try:
        cluster.up()
        url = cluster.url + "/"

        def measure(label, **kwargs):
            result = with_fault(args, cluster, url, **kwargs) if kwargs else run_wrk(args, url, args.duration)
            results.append((label, result))
            log(row(label, result))

        # Uncached: the app is the bottleneck.
        for number in range(2):
            cluster.stop_app(number)
            cluster.start_app(number, PAGE_CACHE_ENABLED="false")
        cluster.stop_proxy()
        cluster.start_proxy([f"127.0.0.1:{cluster.app_ports[0]}"])
        measure("uncached, 1 app server")
        cluster.stop_proxy()
        cluster.start_proxy()
        measure("uncached, 2 app servers")
        for number in range(2):
            cluster.stop_app(number)
            cluster.start_app(number)
        measure("cached (app page cache; nginx keeps pages), 2 app servers")

        def kill_app():
            cluster.stop_app(1, signal.SIGKILL)

        measure("fault: one app server killed, then started again", start=kill_app, repair=lambda: cluster.start_app(1))
        measure("fault: replica stopped, then started", start=cluster.replica.stop, repair=cluster.replica.start)

        relay = TcpRelay("127.0.0.1", int(cluster.redis_url.rsplit(":", 1)[1].split("/")[0]))
        relay.open()
        relayed = f"redis://127.0.0.1:{relay.port}/{cluster.redis_url.rsplit('/', 1)[1]}"
        for number in range(2):
            cluster.stop_app(number)
            cluster.start_app(number, REDIS_URL=relayed)
        measure("fault: Redis cut off, then back", start=relay.cut, repair=relay.open)
        for number in range(2):
            cluster.stop_app(number)
            cluster.start_app(number)
        measure("fault: primary stopped, then started", start=cluster.primary.stop, repair=cluster.primary.start)
    finally:
        cluster.down()
    return results


def section(args, results):
    lines = [
        "## Production topology",
        "",
        f"`make bench-cluster` ({datetime.datetime.now().astimezone().isoformat(timespec='seconds')}, commit "
        f"{git_commit()}): `scripts/cluster.py`'s topology — nginx (2 workers) in front of gunicorn app servers "
        f"({args.workers} sync workers each), Redis, a PostgreSQL primary and a streaming replica, all on this "
        f"2-core machine, which others were using at the same time (load average before → after each run beside "
        f"it). wrk: {args.connections} connections, {args.duration} s a run, through nginx, rotating over the "
        "reader pages in `bench/cluster_pages.lua`. A fault starts a third of the way through its run and is "
        "repaired at two thirds; errors are socket errors and answers other than 2xx/3xx.",
        "",
        "| run | req/s | p50 / p99 | requests | errors | load average |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        *[row(label, result) for label, result in results],
        "",
    ]
    return "\n".join(lines)


def write_results(text):
    current = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(r"^## Production topology\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        current = pattern.sub(lambda _: text + "\n", current)
    else:
        current = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(current)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="Seconds of each run.")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server.")
    parser.add_argument("--write-results", action="store_true", help="Update bench/RESULTS.md.")
    args = parser.parse_args()
    args.wrk = ensure_debian_package("wrk", "wrk")
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        subprocess.run([str(REPO / "scripts" / "ensure-nginx.sh")], check=True)  # noqa: S603
    os.chdir(REPO)
    results = bench(args)
    text = section(args, results)
    log("\n" + text)
    if args.write_results:
        write_results(text)
        log(f"Wrote the production topology section of {RESULTS}.")


if __name__ == "__main__":
    main()
