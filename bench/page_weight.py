"""What each benchmarked reader page costs a reader to download: `make bench-weight`.

For every page of the reader-page benchmark it fetches the page and everything
the page makes a browser fetch (stylesheets, the module script and the modules
it imports, the favicon) through the product's own middleware and WhiteNoise,
asking for gzip as browsers do, and adds up the bytes sent. A first visit pays
for all of it; on a return visit the hashed static files are still in the
browser's cache (they are served as immutable for ten years), so only the page
itself is fetched again.

Usage: .venv/bin/python bench/page_weight.py [--size 1000] [--write-results [FILE]]
The database is the benchmark's ssg_bench_<size> (build it with `make bench`).
"""

import argparse
import datetime
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

REPO = Path(__file__).resolve().parent.parent
STATIC_ROOT = REPO / "bench" / "out" / "weight-static"
RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## Page weight"

ASSET = re.compile(
    r"<link[^>]+rel=\"(?:stylesheet|icon)\"[^>]*href=\"([^\"]+)\"|<script[^>]+src=\"([^\"]+)\"", re.IGNORECASE
)
MODULE_IMPORT = re.compile(r"""(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\s*["']([^"']+)["']""")


def configure(size):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/ssg_bench_{size}"),
        BENCH_STATIC_ROOT=str(STATIC_ROOT),
        PAGE_CACHE_ENABLED="false",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(REPO))
    # Hashed, compressed static files, exactly as `make serve` has them.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--clear", "-v", "0"],
        cwd=REPO,
        check=True,
    )
    import django

    django.setup()


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def text_of(response, body):
    return (gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body).decode("utf-8")


def fetch(client, url):
    response = client.get(url, HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return response, body_of(response)


def assets_of(client, page_url, html):
    """{url: kind} of everything the page makes a browser download, following module imports."""
    found = {}
    for link, script in ASSET.findall(html):
        url = urljoin(page_url, link or script)
        found[url] = "js" if script else ("css" if url.endswith(".css") else "other")
    pending = [url for url, kind in found.items() if kind == "js"]
    while pending:
        module = pending.pop()
        for named, bare in MODULE_IMPORT.findall(text_of(*fetch(client, module))):
            url = urljoin(module, named or bare)
            if url not in found:
                found[url] = "js"
                pending.append(url)
    return found


def measure(size):
    from django.test import Client

    from bench.pages_bench import reader_pages

    client = Client()
    rows = []
    for _key, label, url in reader_pages():
        response, body = fetch(client, url)
        html = text_of(response, body)
        sizes = {"css": 0, "js": 0, "other": 0}
        for asset, kind in assets_of(client, url, html).items():
            sizes[kind] += len(fetch(client, asset)[1])
        first = len(body) + sum(sizes.values())
        rows.append({"label": label, "url": url, "html": len(body), **sizes, "first": first, "return": len(body)})
    return rows


def table(rows, size):
    lines = [
        SECTION,
        "",
        f"Written by `bench/page_weight.py` on {datetime.date.today():%-d %B %Y} from the {size:,}-item benchmark "
        "database: bytes sent with `Accept-Encoding: gzip`, through the product's middleware and WhiteNoise. "
        "*First visit* is the page and everything it loads (stylesheets, the module script and the modules it "
        "imports, the favicon); the print stylesheet is included although browsers fetch it without blocking. "
        "On a *return visit* the hashed static files are still cached (immutable for ten years), so only the "
        "page is fetched.",
        "",
        "| page | URL | HTML (gzip) | CSS | JavaScript | other | first visit | return visit |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        cells = [row[k] for k in ("html", "css", "js", "other", "first", "return")]
        lines.append(f"| {row['label']} | `{row['url']}` | " + " | ".join(f"{kb(v)}" for v in cells) + " |")
    return "\n".join(lines) + "\n"


def kb(size):
    return f"{size / 1024:.1f} KB"


def write_results(path, section):
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    start = text.find(SECTION)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + (text[end + 1 :] if end != -1 else "")
    path.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="Which ssg_bench_<size> database to read.")
    parser.add_argument("--write-results", nargs="?", const=str(RESULTS), metavar="FILE")
    args = parser.parse_args()
    configure(args.size)
    section = table(measure(args.size), args.size)
    print(section)
    if args.write_results:
        write_results(Path(args.write_results), section)


if __name__ == "__main__":
    main()
