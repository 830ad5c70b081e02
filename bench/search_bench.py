"""Search benchmark: latency of /search/ at 1,000, 10,000 and 100,000 items on PostgreSQL.

    .venv/bin/python bench/search_bench.py [--sizes 1000,10000,100000] [--repeat 15] [--keep]

Creates a separate database (ssg_bench on the server in BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/ssg_bench), migrates it, loads the demo content,
then grows it to each size with items generated from the demo content's own sentences
(FAQ answers, guides and worked examples, with topics, audiences, dates; a few drafts
and scheduled items). At each size it rebuilds the index with rebuild_search_index,
runs a fixed mix of queries through the real view with Django's test client (page
cache off, so every request does the whole search), and prints p50 / p95 / max per
query class, and the index's size. The database is dropped at the end unless --keep.

This is a script, not a test: timings depend on the machine.
"""

import argparse
import datetime
import io
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ssg_bench")
os.environ["DATABASE_URL"] = BENCH_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "sharedservices.settings_test"
os.environ["PAGE_CACHE_ENABLED"] = "false"
os.environ.setdefault("LOG_LEVEL", "WARNING")

# (class, query string): fixed, so runs can be compared.
QUERIES = [
    ("rare word", "q=coastguard"),
    ("rare word", "q=valuation+office"),
    ("rare word", "q=rural+payments+agency"),
    ("rare word", "q=CTO+council"),
    ("common words", "q=shared+services"),
    ("common words", "q=services"),
    ("common words", "q=government+department"),
    ("common words", "q=shared+service+centre"),
    ("phrase", "q=%22service+level+agreement%22"),
    ("phrase", "q=%22human+resources%22"),
    ("phrase", "q=%22shared+service+centre%22"),
    ("phrase", "q=%22front+line%22"),
    ("misspelt", "q=procurment"),
    ("misspelt", "q=goverance"),
    ("misspelt", "q=benchmarkng+costs"),
    ("misspelt", "q=outsorcing+contract"),
    ("plain question", "q=will+I+lose+my+job"),
    ("plain question", "q=how+much+can+we+save"),
    ("plain question", "q=HR+finance+procurment"),
    ("plain question", "q=is+it+just+outsourcing"),
    ("filtered", "q=savings&kind=faq"),
    ("filtered", "q=governance&audience=providers&topic=governance"),
    ("filtered", "q=shared+services&topic=hr&topic=finance&kind=guidance"),
    ("filtered", "kind=guidance&audience=customers"),
    ("deep page", "q=shared+services&page=40"),
    ("deep page", "q=procurement&page=5"),
]
RARE_PHRASES = [
    "the Maritime and Coastguard Agency",
    "the Valuation Office Agency",
    "the Rural Payments Agency",
]
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def create_database():
    import psycopg

    parts = urlsplit(BENCH_URL)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"Refusing to drop and create a database called {name!r}.")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return admin_url, name


def drop_database(admin_url, name):
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def demo_sentences():
    """Sentences and titles from the demo content: the vocabulary generated items are made of."""
    sentences, titles = [], []
    for path in sorted((ROOT / "content").rglob("*")):
        if path.suffix not in (".md", ".yaml") or path.name == "README.md":
            continue
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("title:"):
                titles.append(line.split(":", 1)[1].strip().strip("\"'"))
            line = re.sub(r"[#*|\[\]`>]|^\s*-\s+|\(/[^)]*\)", " ", line).strip()
            if len(line) > 40 and ":" not in line[:20]:
                sentences.extend(s for s in SENTENCE.split(line) if len(s) > 30)
    return sentences, titles


class Generator:
    def __init__(self, seed=7):
        self.random = random.Random(seed)
        self.sentences, self.titles = demo_sentences()
        self.number = 0

    def title(self):
        words = self.random.choice(self.titles).rstrip("?").split()
        self.random.shuffle(words[1:])
        extra = self.random.choice(self.sentences).split()[:3]
        return " ".join(words[:8] + extra)[:190]

    def body(self):
        paragraphs = []
        for _ in range(self.random.randint(3, 8)):
            paragraphs.append(" ".join(self.random.choice(self.sentences) for _ in range(self.random.randint(2, 5))))
        if self.random.random() < 0.003:
            paragraphs.append(f"This was first tried by {self.random.choice(RARE_PHRASES)}.")
        return paragraphs

    def fields(self, now):
        from publishing.models import Status

        self.number += 1
        paragraphs = self.body()
        roll = self.random.random()
        status = Status.DRAFT if roll < 0.03 else Status.PUBLISHED
        published = now - datetime.timedelta(days=self.random.randint(1, 1000))
        if roll > 0.98:
            published = now + datetime.timedelta(days=self.random.randint(1, 60))
        return {
            "title": self.title(),
            "slug": f"bench-{self.number}",
            "summary": self.random.choice(self.sentences)[:290],
            "body": "\n\n".join(paragraphs),
            "body_html": "".join(f'<p class="govuk-body">{p}</p>' for p in paragraphs),
            "audience": self.random.choice(["everyone", "everyone", "providers", "customers"]),
            "status": status,
            "publish_at": published if status == Status.PUBLISHED else None,
            "first_published_at": published if status == Status.PUBLISHED else None,
            "last_major_change_at": published if status == Status.PUBLISHED else None,
        }


def grow_to(size, generator):
    """Add generated items until there are `size` content items in all."""
    from faq.models import Category, Question
    from guidance.models import Guide
    from publishing.models import Topic
    from publishing.registry import content_models
    from toolkit.models import Example, Stage

    now = datetime.datetime.now(datetime.UTC)
    have = sum(model.objects.count() for model in content_models())
    categories, stages, topics = list(Category.objects.all()), list(Stage.objects.all()), list(Topic.objects.all())
    batch = 2000
    while have < size:
        count = min(batch, size - have)
        kinds = {Question: [], Guide: [], Example: []}
        for _ in range(count):
            model = generator.random.choices([Question, Guide, Example], weights=[45, 45, 10])[0]
            fields = generator.fields(now)
            if model is Question:
                fields["category"] = generator.random.choice(categories)
            if model is Example:
                fields["stage"] = generator.random.choice(stages)
            kinds[model].append(model(**fields))
        for model, items in kinds.items():
            created = model.objects.bulk_create(items)
            through = model.topics.through
            field = model._meta.model_name
            through.objects.bulk_create(
                through(**{field: item, "topic": topic})
                for item in created
                for topic in generator.random.sample(topics, generator.random.randint(1, 3))
            )
        have += count


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def run_queries(repeat):
    from django.test import Client

    client = Client()
    for _, query in QUERIES:  # warm up code paths and the database's buffers, not any result cache
        assert client.get("/search/?" + query).status_code == 200
    timings = {}
    for _ in range(repeat):
        for query_class, query in QUERIES:
            started = time.perf_counter()
            response = client.get("/search/?" + query)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (query, response.status_code)
            timings.setdefault(query_class, []).append(elapsed)
            timings.setdefault((query_class, query), []).append(elapsed)
    return timings


def index_sizes():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchentry'), pg_relation_size('search_searchentry'), "
            "pg_relation_size('searchentry_vector_idx'), pg_total_relation_size('search_searchword'), "
            "(SELECT count(*) FROM search_searchentry), (SELECT count(*) FROM search_searchword)"
        )
        total, heap, gin, words, rows, word_count = cursor.fetchone()
    mb = 1024 * 1024
    return (
        f"{rows:,} index rows; search_searchentry {total / mb:.1f} MB in all (heap {heap / mb:.1f} MB, "
        f"tsvector GIN {gin / mb:.1f} MB); vocabulary {word_count:,} words, {words / mb:.1f} MB with trigram index"
    )


def report(size, timings, sizes, rebuild_seconds, load):
    """Markdown lines for one size; printed as they come, and kept for --write-results."""
    lines = [f"### {size:,} items", ""]
    rebuilt = f" `rebuild_search_index` took {rebuild_seconds:.0f} s." if rebuild_seconds else ""
    lines += [f"Index: {sizes}.{rebuilt} Load average while measuring: {load}.", ""]
    lines += ["| query class | requests | p50 ms | p95 ms | max ms |", "| --- | ---: | ---: | ---: | ---: |"]
    everything = []
    for query_class in dict.fromkeys(c for c, _ in QUERIES):
        values = timings[query_class]
        everything += values
        lines.append(
            f"| {query_class} | {len(values)} | {statistics.median(values):.1f} | "
            f"{percentile(values, 0.95):.1f} | {max(values):.1f} |"
        )
    lines.append(
        f"| **all** | {len(everything)} | {statistics.median(everything):.1f} | "
        f"{percentile(everything, 0.95):.1f} | {max(everything):.1f} |"
    )
    slowest = sorted(((statistics.median(v), k[1]) for k, v in timings.items() if isinstance(k, tuple)), reverse=True)
    lines += ["", "Slowest queries (p50 ms): " + "; ".join(f"`{q}` {ms:.1f}" for ms, q in slowest[:4]), ""]
    print("\n".join(lines))
    sys.stdout.flush()
    return lines


def cpu_busy(seconds=2.0):
    """Share of the machine's CPU time spent busy over a short interval (Linux /proc/stat)."""

    def sample():
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return sum(fields), idle

    total_1, idle_1 = sample()
    time.sleep(seconds)
    total_2, idle_2 = sample()
    return 1 - (idle_2 - idle_1) / max(total_2 - total_1, 1)


def wait_for_quiet(limit, longest):
    """Timings on a shared machine mean little while something else is busy: wait (up to `longest` s)."""
    waited = 0
    busy = cpu_busy()
    while busy > limit and waited < longest:
        print(f"(CPU {busy:.0%} busy; waiting for it to drop below {limit:.0%})", file=sys.stderr)
        time.sleep(10)
        waited += 12
        busy = cpu_busy()
    return busy


def load_text():
    """The load average, and the machine's speed (see bench.machine) to compare runs by."""
    from bench.machine import machine_speed

    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min); a fixed Python loop took {machine_speed():.0f} ms"


def write_section(path, lines):
    """Replace the "## Search" section of path, leaving the other sections (and a "### Search notes"
    subsection written by hand) as they are."""
    path = Path(path)
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = "\n".join(["## Search", "", *lines]).rstrip() + "\n\n"
    pattern = re.compile(r"^## Search\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    old = pattern.search(existing)
    if old:
        notes = re.search(r"^### Search notes\n.*", old.group(0), re.MULTILINE | re.DOTALL)
        if notes:
            section += notes.group(0).rstrip() + "\n\n"
        updated = pattern.sub(lambda _: section, existing, count=1)
    else:
        updated = existing.rstrip() + "\n\n" + section
    path.write_text(updated.rstrip() + "\n", encoding="utf-8")


def measure_only(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry")
        cursor.execute("SELECT count(*) FROM search_searchentry")
        rows = cursor.fetchone()[0]
    wait_for_quiet(args.quiet_cpu, args.quiet_wait)
    timings = run_queries(args.repeat)
    report(rows, timings, index_sizes(), 0, load_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=15, help="Measured runs of each query per size.")
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark database afterwards.")
    parser.add_argument(
        "--measure-only", action="store_true", help="Measure the database a --keep run left, as it is (migrated)."
    )
    parser.add_argument("--quiet-cpu", type=float, default=0.3, help="Wait until the CPU is at most this busy.")
    parser.add_argument("--quiet-wait", type=int, default=300, help="Longest wait for a quiet CPU, in seconds.")
    parser.add_argument(
        "--write-results",
        nargs="?",
        const=str(ROOT / "bench" / "RESULTS.md"),
        default=None,
        metavar="FILE",
        help='Write the "## Search" section of FILE (default bench/RESULTS.md).',
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    if args.measure_only:
        return measure_only(args)
    admin_url, name = create_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from search.indexing import index_rebuild

    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
        generator = Generator()
        version = connection.cursor().connection.info.server_version // 10000
        lines = [
            f"Run {datetime.datetime.now():%d %B %Y %H:%M} by `make bench-search`: PostgreSQL {version} on this "
            f"machine ({os.cpu_count()} CPUs), the real view through Django's test client, page cache off, "
            f"{args.repeat} measured runs of {len(QUERIES)} queries per size after one warm-up run.",
            "",
        ]
        print("\n".join(["# Search benchmark", "", *lines]))
        for size in sizes:
            started = time.perf_counter()
            grow_to(size, generator)
            grown = time.perf_counter() - started
            started = time.perf_counter()
            index_rebuild()
            rebuild_seconds = time.perf_counter() - started
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_searchentry")
                cursor.execute("VACUUM ANALYZE search_searchword")
            print(f"\n(grew to {size:,} items in {grown:.0f} s)", file=sys.stderr)
            wait_for_quiet(args.quiet_cpu, args.quiet_wait)
            timings = run_queries(args.repeat)
            lines += report(size, timings, index_sizes(), rebuild_seconds, load_text())
        if args.write_results:
            write_section(args.write_results, lines)
            print(f'Wrote the "## Search" section of {args.write_results}.', file=sys.stderr)
    finally:
        if not args.keep:
            drop_database(admin_url, name)


if __name__ == "__main__":
    main()
