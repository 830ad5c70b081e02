"""What one request costs in-process: a cached reader page against Django's own floor (issue 21).

    .venv/bin/python bench/hit_cost.py [--size 1000] [--requests 20000]

Runs the portal's WSGI application (bench.settings, page cache on, the benchmark's database
ssg_bench_<size>, or BENCH_DATABASE_PREFIX's) and the `startproject` floor app
(bench/startproject_floor/) each in a process of its own, calls each one's WSGI application
directly with the same request (no network, no gunicorn) for --requests requests per page, and
prints microseconds per request and the ratio of their throughputs. CPU time, so it holds on a
machine others are using, unlike wrk's requests per second.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
# Without a saved `make bench` run to take the benchmarked pages from.
PAGES = ["/", "/faq/", "/toolkit/", "/toolkit/templates/", "/search/?q=shared+services"]


def environ_for(url, encoding):
    path, _, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": encoding,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": None,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def child(args):
    import io

    sys.path.insert(0, str(REPO))
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    results = {}
    for url in json.loads(os.environ["HIT_COST_PAGES"]):
        for encoding in ("gzip", "identity"):
            status = []

            def start_response(code, headers, status=status):
                status.append(code)

            def call(url=url, encoding=encoding):
                environ = environ_for(url, encoding)
                environ["wsgi.input"] = io.BytesIO()
                response = application(environ, start_response)
                body = b"".join(response)
                response.close()
                return body

            for _ in range(50):
                call()  # warm, and fill the page cache
            rounds = []
            for _ in range(5):
                started = time.process_time()
                for _ in range(args.requests // 5):
                    call()
                rounds.append((time.process_time() - started) / (args.requests // 5) * 1e6)
            results[f"{url} {encoding}"] = {"us": statistics.median(rounds), "status": status[-1]}
    print("HIT-COST " + json.dumps(results), flush=True)


def benchmarked_pages(size):
    """The pages `make bench` measured at this size (its saved results), or PAGES."""
    from bench.pages_bench import OUT

    saved = OUT / f"results-{size}.json"
    if saved.exists():
        return [page["url"] for page in json.loads(saved.read_text())["pages"].values()]
    return PAGES


def run(settings, env_extra, args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": str(REPO),
        "HIT_COST_PAGES": json.dumps(benchmarked_pages(args.size)),
        **env_extra,
    }
    command = [sys.executable, __file__, "--child", "--requests", str(args.requests)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)  # noqa: S603
    for line in done.stdout.splitlines():
        if line.startswith("HIT-COST "):
            return json.loads(line[len("HIT-COST ") :])
    sys.exit(f"{settings} failed:\n{done.stderr[-3000:]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--write-results", action="store_true", help="Update bench/RESULTS.md.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    prefix = os.environ.get("BENCH_DATABASE_PREFIX", "ssg_bench_")
    pg = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    with tempfile.TemporaryDirectory() as generation, tempfile.NamedTemporaryFile(suffix=".html") as floor_body:
        floor_body.write((REPO / "bench" / "out" / "pages" / f"floor-{args.size}.html").read_bytes())
        floor_body.flush()
        portal = run(
            "bench.settings",
            {
                "DATABASE_URL": f"{pg}/{prefix}{args.size}",
                "PAGE_CACHE_ENABLED": "true",
                "PAGE_CACHE_DIR": generation,
                "DEBUG": "false",
                "LOG_LEVEL": "WARNING",
                # The hashed static files `make bench` collected just before (bench/pages_bench.py), not the
                # product's staticfiles/, which a fresh checkout does not have.
                "BENCH_STATIC_ROOT": str(REPO / "bench" / "out" / "pages" / "static"),
            },
            args,
        )
        floor = run("bench.startproject_floor.settings", {"BENCH_FLOOR_BODY": floor_body.name}, args)
    floor_us = statistics.mean(value["us"] for value in floor.values())
    print(f"startproject floor: {floor_us:.0f} µs a request (CPU, in-process, mean over the same requests)")
    print(f"{'cached page':<36}{'µs':>8}{'÷ floor (throughput)':>24}")
    for key, value in portal.items():
        print(f"{key:<36}{value['us']:>8.0f}{floor_us / value['us']:>23.2f}×  (status {value['status']})")
    if args.write_results:
        write_section(args, floor_us, portal)


SECTION = "## Cache hits against Django's own floor"


def write_section(args, floor_us, portal):
    """Replace the section of bench/RESULTS.md: the in-process figures, and make bench's alternating wrk run."""
    from bench.pages_bench import OUT, git_commit, load_average, startproject_table

    lines = [
        SECTION,
        "",
        "Issue 21's target: a cached page at least 0.9× the throughput of a `startproject` app (Django's default "
        "middleware, `bench/startproject_floor/`) returning the same bytes. This replaces issue 10's retired "
        "target of cache-off pages at 20% of the floor.",
        "",
        f"**CPU per request, in-process** (`bench/hit_cost.py`, commit {git_commit()}, {args.requests:,} requests "
        f"a page after a warm-up, each WSGI application called directly, no network; CPU time, so it holds while "
        f"others use the machine; load average {load_average()}). The floor: **{floor_us:.0f} µs** a request.",
        "",
        "| cached page | Accept-Encoding | µs a request | throughput ÷ floor |",
        "| --- | --- | ---: | ---: |",
    ]
    for key, value in portal.items():
        url, encoding = key.rsplit(" ", 1)
        lines.append(f"| `{url}` | {encoding} | {value['us']:.0f} | {floor_us / value['us']:.2f}× |")
    saved = OUT / f"results-{args.size}.json"
    if saved.exists():
        result = json.loads(saved.read_text())
        if result.get("startproject"):
            lines += [
                "",
                f"**Requests/s through gunicorn** (`make bench`, {result['date']}, commit {result['commit']}, "
                f"{args.size:,} items, 2 sync workers each, wrk at 64 connections, "
                f"{result['load']['duration']} s a run, the portal and the floor app alternating). Other work on "
                "the machine's 2 cores moves single runs by tens of per cent either way (`make bench` prints other "
                "processes' share of the CPU beside each run); the in-process figures above are the steadier measure.",
                *startproject_table(result),
            ]
    text = (REPO / "bench" / "RESULTS.md").read_text()
    section = "\n".join(lines) + "\n"
    pattern = re.compile(r"^" + re.escape(SECTION) + r"\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        marker = "## Reader pages"
        text = text.replace(marker, section + "\n" + marker, 1) if marker in text else text + "\n" + section
    (REPO / "bench" / "RESULTS.md").write_text(text)
    print(f"Wrote the section {SECTION!r} of bench/RESULTS.md.")


if __name__ == "__main__":
    main()
