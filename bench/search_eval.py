"""Search relevance: does /search/ put the page a reader needs first? `make search-eval`, or

    .venv/bin/python bench/search_eval.py [--engine postgres|sqlite|both] [--write-results [FILE]] [--heading TEXT]

The measuring stick is the project's own relevance set, bench/relevance/queries.yaml: queries
written the way readers ask, grouped by class, each with the page or pages that should come first.

For each engine it builds a fresh database with the demo content (`migrate`, `load_demo_content`,
`rebuild_search_index`): PostgreSQL in a database of its own (ssg_search_eval on the server in
SEARCH_EVAL_DATABASE_URL, created and dropped here), SQLite in a temporary file. Then it asks
`/search/?q=…` for every query through Django's test client and reads the result links in the order
a reader sees them, best bets first. It prints, per class and overall, MRR@10, recall@3 and the
zero-result rate, then every miss: each query whose expected page did not come first.

`--write-results` writes the "## Search relevance" section of bench/RESULTS.md: it replaces the
subsection named by `--heading` (or adds it) and leaves the file's other sections and the section's
other subsections as they are, so a baseline recorded once stays there for comparison.

This is a script, not a test: tests/search/test_relevance_set.py checks the query file and the
metric functions below, quickly, in `make test`.
"""

import argparse
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
QUERY_FILE = ROOT / "bench" / "relevance" / "queries.yaml"
CONTENT_DIR = ROOT / "content"
RESULTS_FILE = ROOT / "bench" / "RESULTS.md"
SECTION = "## Search relevance"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/ssg_search_eval"
ENGINES = {"postgres": "PostgreSQL", "sqlite": "SQLite"}
# The first page of results holds ten; MRR and the "not in top 10" of a miss look no deeper.
DEPTH = 10
RECALL_AT = 3
SITE_PATH = re.compile(r"/(?:[a-z0-9][a-z0-9-]*/)*")
QUERY_KEYS = {"q", "expect", "pending"}
CHILD_MARKER = "SEARCH-EVAL-JSON "


class RelevanceSetError(ValueError):
    """The query file is malformed; the message says where."""


@dataclass(frozen=True)
class Query:
    text: str
    query_class: str
    expected: tuple
    pending: bool = False


# ---------------------------------------------------------------------------
# The relevance set
# ---------------------------------------------------------------------------


def normalise(text):
    """Lower-case words only: how queries are compared with each other and with page titles."""
    return " ".join(re.findall(r"[^\W_]+", (text or "").lower()))


def load_relevance_set(path=QUERY_FILE):
    """(class descriptions, queries) from the YAML file, or RelevanceSetError naming what is wrong."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RelevanceSetError(f"{path} is not valid YAML: {error}") from None
    classes = data.get("classes") if isinstance(data, dict) else None
    if not isinstance(classes, dict) or not classes:
        raise RelevanceSetError(f"{path} needs a 'classes' mapping of class name to description and queries.")
    descriptions, queries, seen = {}, [], {}
    for name, body in classes.items():
        if not isinstance(body, dict) or not isinstance(body.get("queries"), list) or not body["queries"]:
            raise RelevanceSetError(f"Class {name!r} needs a non-empty 'queries' list.")
        if not isinstance(body.get("description"), str) or not body["description"].strip():
            raise RelevanceSetError(f"Class {name!r} needs a 'description'.")
        descriptions[name] = body["description"].strip()
        for number, item in enumerate(body["queries"], start=1):
            where = f"class {name!r}, query {number}"
            if not isinstance(item, dict):
                raise RelevanceSetError(f"{where}: expected a mapping with 'q' and 'expect'.")
            if unknown := set(item) - QUERY_KEYS:
                raise RelevanceSetError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(QUERY_KEYS)}.")
            text = item.get("q")
            if not isinstance(text, str) or not normalise(text):
                raise RelevanceSetError(f"{where}: 'q' must be the words a reader types.")
            where = f"{where} ({text!r})"
            expected = item.get("expect")
            if not isinstance(expected, list) or not expected:
                raise RelevanceSetError(f"{where}: 'expect' must be a list of one or more site paths.")
            for value in expected:
                if not isinstance(value, str) or not SITE_PATH.fullmatch(value):
                    raise RelevanceSetError(f"{where}: {value!r} is not a site path such as /faq/some-question/.")
            if not isinstance(item.get("pending", False), bool):
                raise RelevanceSetError(f"{where}: 'pending' must be true or false.")
            key = normalise(text)
            if key in seen:
                raise RelevanceSetError(f"{where}: the same query as in {seen[key]}.")
            seen[key] = where
            queries.append(Query(text.strip(), name, tuple(expected), item.get("pending", False)))
    return descriptions, queries


def front_matter(path):
    """The YAML front matter of a content file, or {} if it has none."""
    import yaml

    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    data = yaml.safe_load(text[4:end]) if end > 0 else None
    return data if isinstance(data, dict) else {}


def demo_titles(content_dir=CONTENT_DIR):
    """Every title in the demo content: questions, guides, stages, examples, templates, topics, categories."""
    return {
        str(matter["title"])
        for path in sorted(Path(content_dir).rglob("*.md"))
        if path.name != "README.md" and (matter := front_matter(path)).get("title")
    }


def exact_title_queries(queries, titles):
    """The queries that are, word for word, a page's title (case and punctuation aside)."""
    normalised = {normalise(title) for title in titles}
    return [query for query in queries if normalise(query.text) in normalised]


def runnable(query, existing_paths):
    """A pending query waits until one of its expected pages exists; every other query runs."""
    return not query.pending or any(path in existing_paths for path in query.expected)


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------


def distinct_paths(hrefs):
    """Result links as site paths, in order, each page once (a best bet repeated in the results is one page)."""
    paths = []
    for href in hrefs:
        path = urlsplit(href).path
        if path and path not in paths:
            paths.append(path)
    return paths


def hit_rank(paths, expected, depth=DEPTH):
    """1-based position of the first expected page among the first `depth` results, or None."""
    for position, path in enumerate(paths[:depth], start=1):
        if path in expected:
            return position
    return None


def mean_reciprocal_rank(ranks, depth=DEPTH):
    """Mean of 1/rank, a rank past `depth` or missing (None) counting 0."""
    ranks = list(ranks)
    if not ranks:
        return 0.0
    return sum(1 / rank for rank in ranks if rank is not None and rank <= depth) / len(ranks)


def recall_at(ranks, cutoff=RECALL_AT):
    """Share of queries whose expected page is within the first `cutoff` results."""
    ranks = list(ranks)
    if not ranks:
        return 0.0
    return sum(1 for rank in ranks if rank is not None and rank <= cutoff) / len(ranks)


def zero_result_rate(result_counts):
    """Share of queries that got no result at all."""
    result_counts = list(result_counts)
    if not result_counts:
        return 0.0
    return sum(1 for count in result_counts if count == 0) / len(result_counts)


@dataclass(frozen=True)
class Scores:
    count: int
    mrr: float
    recall: float
    zero: float


def scores(observations):
    """Scores of a list of observations (dicts with 'rank' and 'paths')."""
    ranks = [o["rank"] for o in observations]
    return Scores(
        count=len(observations),
        mrr=mean_reciprocal_rank(ranks),
        recall=recall_at(ranks),
        zero=zero_result_rate(len(o["paths"]) for o in observations),
    )


# ---------------------------------------------------------------------------
# Inside a Django process (--child): build the database, run the queries
# ---------------------------------------------------------------------------


def page_headings(content):
    """(h1 text, <title> without the site name) of an HTML page."""
    from lxml import html

    tree = html.fromstring(content)
    h1 = " ".join(tree.xpath("string(//h1)").split())
    title = " ".join(tree.xpath("string(//title)").split()).split(" – ")[0]
    return h1, title


# The links a reader sees, in page order: best bets ("Recommended") above the results.
RESULT_LINKS = (
    "//li[contains(concat(' ', normalize-space(@class), ' '), ' app-best-bet ')]//p/a"
    " | //h2[contains(concat(' ', normalize-space(@class), ' '), ' app-search-result__title ')]/a"
)
ANY_WORDS_NOTICE = "No page contains all your words"


def result_links(content):
    """[(href, link text)] of a search results page, in the order a reader sees them."""
    from lxml import html

    tree = html.fromstring(content)
    return [(a.get("href", ""), " ".join(a.text_content().split())) for a in tree.xpath(RESULT_LINKS)]


def child_run(queries):
    """Build the demo site in the database DATABASE_URL names and put every query to /search/."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0, stdout=io.StringIO())
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    call_command("rebuild_search_index", verbosity=0, stdout=io.StringIO())
    client = Client(raise_request_exception=False)

    pages = {}
    for path in sorted({path for query in queries for path in query.expected}):
        response = client.get(path)
        h1, title = page_headings(response.content) if response.status_code == 200 else ("", "")
        pages[path] = {"status": response.status_code, "h1": h1, "title": title}
    existing = {path for path, page in pages.items() if page["status"] == 200}

    observations, skipped = [], []
    for query in queries:
        if not runnable(query, existing):
            skipped.append(query.text)
            continue
        response = client.get("/search/", {"q": query.text})
        content = response.content.decode("utf-8", "replace")
        links = result_links(response.content) if response.status_code == 200 else []
        observations.append(
            {
                "q": query.text,
                "class": query.query_class,
                "expected": list(query.expected),
                "status": response.status_code,
                "links": links,
                "any_words": ANY_WORDS_NOTICE in content,
            }
        )
    if connection.vendor == "postgresql":
        version = f"PostgreSQL {connection.cursor().connection.info.server_version // 10000}"
    else:
        import sqlite3

        version = f"SQLite {sqlite3.sqlite_version}"
    return {"version": version, "pages": pages, "observations": observations, "skipped": skipped}


# ---------------------------------------------------------------------------
# Databases (only ever the one SEARCH_EVAL_DATABASE_URL names, and a temporary SQLite file)
# ---------------------------------------------------------------------------


def postgres_target(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in ("postgres", "template0", "template1"):
        raise SystemExit(f"Refusing to drop and create a database called {name!r}.")
    return parts._replace(path="/postgres").geturl(), name


def postgres_recreate(url):
    import psycopg
    from psycopg import sql

    admin_url, name = postgres_target(url)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def postgres_drop(url):
    import psycopg
    from psycopg import sql

    admin_url, name = postgres_target(url)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def run_engine(engine, args):
    """Run the queries on a fresh database of `engine` in a separate Django process; return its findings."""
    workdir = Path(tempfile.mkdtemp(prefix=f"ssg-search-eval-{engine}-"))
    database_url = args.database_url if engine == "postgres" else f"sqlite:///{workdir / 'search-eval.sqlite3'}"
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="sharedservices.settings_test",
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        # Every request does the whole search: no page cache, and no shared cache between runs.
        PAGE_CACHE_ENABLED="false",
        PAGE_CACHE_DIR=str(workdir / "generation"),
        # Generated template files go to the temporary directory, not the working copy's media/.
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "--queries", str(args.queries)]
    print(f"{ENGINES[engine]}: building the demo site and running the queries…", file=sys.stderr)
    try:
        if engine == "postgres":
            postgres_recreate(database_url)
        completed = subprocess.run(  # noqa: S603
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=args.timeout, check=False
        )
    finally:
        if engine == "postgres":
            postgres_drop(database_url)
        shutil.rmtree(workdir, ignore_errors=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr[-4000:])
        raise SystemExit(f"The {ENGINES[engine]} run failed (exit {completed.returncode}).")
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(CHILD_MARKER):
            return json.loads(line[len(CHILD_MARKER) :])
    raise SystemExit(f"The {ENGINES[engine]} run printed no result.")


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def observe(findings):
    """Add each observation's distinct result paths and the rank of its expected page."""
    for observation in findings["observations"]:
        observation["paths"] = distinct_paths(href for href, _ in observation["links"])
        observation["rank"] = hit_rank(observation["paths"], set(observation["expected"]))
    return findings["observations"]


def missing_pages(findings_by_engine, queries):
    """Expected pages of runnable queries that do not answer 200: a mistake in the set, not in search."""
    missing = set()
    for findings in findings_by_engine.values():
        ran = {o["q"] for o in findings["observations"]}
        for query in queries:
            if query.text in ran:
                missing |= {p for p in query.expected if findings["pages"].get(p, {}).get("status") != 200}
    return sorted(missing)


def pct(value):
    return f"{value:.0%}"


def scores_table(engines, observations_by_engine, class_names):
    header = "| class | queries |"
    rule = "| --- | ---: |"
    for engine in engines:
        label = ENGINES[engine]
        header += f" {label} MRR@10 | {label} recall@3 | {label} zero results |"
        rule += " ---: | ---: | ---: |"
    lines = [header, rule]
    for name in [*class_names, None]:
        row_count, cells = None, ""
        for engine in engines:
            chosen = [o for o in observations_by_engine[engine] if name is None or o["class"] == name]
            score = scores(chosen)
            row_count = score.count
            cells += f" {score.mrr:.2f} | {pct(score.recall)} | {pct(score.zero)} |"
        label = "**all**" if name is None else name
        lines.append(f"| {label} | {row_count} |{cells}")
    return lines


def cell(text):
    return str(text).replace("|", "\\|")


def misses_table(observations):
    """Every query whose expected page did not come first."""
    lines = ["| class | query | expected | first result | rank of expected |", "| --- | --- | --- | --- | --- |"]
    for o in observations:
        if o["rank"] == 1:
            continue
        first = f"`{o['paths'][0]}`" if o["paths"] else "no results"
        if o["status"] != 200:
            first = f"HTTP {o['status']}"
        rank = "not in top 10" if o["rank"] is None else str(o["rank"])
        expected = ", ".join(f"`{path}`" for path in o["expected"])
        lines.append(f"| {o['class']} | {cell(o['q'])} | {expected} | {first} | {rank} |")
    return lines


def report(engines, findings_by_engine, descriptions, queries, title_queries):
    """The report as Markdown lines: printed, and written to RESULTS.md with --write-results."""
    class_names = list(descriptions)
    observations_by_engine = {engine: observe(findings_by_engine[engine]) for engine in engines}
    skipped = {len(findings_by_engine[engine]["skipped"]) for engine in engines}
    pending = sum(1 for q in queries if q.pending)
    commit = git_commit()
    versions = ", ".join(findings_by_engine[engine]["version"] for engine in engines)
    lines = [
        f"Run {datetime.datetime.now():%d %B %Y %H:%M} at commit {commit} ({versions}): {len(queries)} queries "
        f"in {len(class_names)} classes from `bench/relevance/queries.yaml`; {pending} pending, "
        f"{max(skipped)} skipped because none of their pages exists yet. "
        f"{len(title_queries)} queries ({len(title_queries) / len(queries):.0%}) are a page's exact title.",
        "",
        *scores_table(engines, observations_by_engine, class_names),
        "",
    ]
    for engine in engines:
        observations = observations_by_engine[engine]
        any_words = [o for o in observations if o["any_words"]]
        errors = [o for o in observations if o["status"] != 200]
        misses = [o for o in observations if o["rank"] != 1]
        lines += [
            f"#### Misses on {ENGINES[engine]}: {len(misses)} of {len(observations)}",
            "",
            f"Queries answered by the any-of-the-words fallback: {len(any_words)}"
            + (f" (fallback class: {sum(1 for o in any_words if o['class'] == 'fallback')})" if any_words else "")
            + (f". Searches that did not answer 200: {len(errors)}." if errors else "."),
            "",
            *misses_table(observations),
            "",
        ]
    return lines


def git_commit():
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
        return completed.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def section_intro(descriptions):
    lines = [
        SECTION,
        "",
        'Written by `bench/search_eval.py` (`make search-eval`; `SEARCH_EVAL_ARGS="--write-results --heading …"` '
        "records a run here). For each engine it builds a fresh database with the demo content, asks `/search/?q=…` "
        "through Django's test client (page cache off) for every query in `bench/relevance/queries.yaml`, and reads "
        "the result links as a reader sees them, best bets first, each page counted once.",
        "",
        f"- **MRR@{DEPTH}**: the mean of 1/rank of the first expected page (any of a query's expected pages is a hit), "
        f"0 when none is in the first {DEPTH}.",
        f"- **recall@{RECALL_AT}**: the share of queries with an expected page in the first {RECALL_AT} results.",
        "- **zero results**: the share of queries that got no result at all.",
        "- **miss**: a query whose expected page did not come first.",
        "",
        "Query classes:",
        "",
        *(f"- `{name}`: {text}" for name, text in descriptions.items()),
        "",
    ]
    return lines


def write_section(path, descriptions, heading, body):
    """Write "### heading" into the "## Search relevance" section of path: replace a subsection with that
    heading or add it at the end, keeping every other section and subsection as it is."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    subsection = "\n".join([f"### {heading}", "", *body]).rstrip() + "\n"
    section_pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    existing = section_pattern.search(text)
    subsections = []
    if existing:
        parts = re.split(r"^(?=### )", existing.group(0), flags=re.MULTILINE)
        subsections = [part.rstrip() + "\n" for part in parts[1:]]
    target = f"### {heading}\n"
    if any(part.startswith(target) for part in subsections):
        subsections = [subsection if part.startswith(target) else part for part in subsections]
    else:
        subsections.append(subsection)
    section = "\n".join(section_intro(descriptions)) + "\n" + "\n".join(subsections) + "\n"
    if existing:
        text = text[: existing.start()] + section + text[existing.end() :]
    else:
        # Beside the search latency figures when they are there, otherwise at the end.
        after_search = re.search(r"^## Search\n.*?(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
        at = after_search.end() if after_search else len(text)
        before = text[:at].rstrip("\n") + "\n\n"
        text = before + section + ("\n" + text[at:].lstrip("\n") if text[at:].strip() else "")
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["postgres", "sqlite", "both"], default="both")
    parser.add_argument("--queries", type=Path, default=QUERY_FILE, help="The relevance set (YAML).")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("SEARCH_EVAL_DATABASE_URL", DEFAULT_PG_URL),
        help="The PostgreSQL database to create, use and drop (default: SEARCH_EVAL_DATABASE_URL or ssg_search_eval).",
    )
    parser.add_argument(
        "--write-results",
        nargs="?",
        const=str(RESULTS_FILE),
        default=None,
        metavar="FILE",
        help=f'Write the "{SECTION[3:]}" section of FILE (default bench/RESULTS.md).',
    )
    parser.add_argument(
        "--heading",
        default=f"Run of {datetime.date.today():%-d %B %Y}",
        help="The subsection of RESULTS.md this run writes (a subsection with the same heading is replaced).",
    )
    parser.add_argument("--timeout", type=int, default=900, help="Seconds allowed for each engine's run.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        descriptions, queries = load_relevance_set(args.queries)
    except (RelevanceSetError, OSError) as error:
        raise SystemExit(f"The relevance set is not usable: {error}") from None
    if args.child:
        print(CHILD_MARKER + json.dumps(child_run(queries)))
        return
    engines = ["postgres", "sqlite"] if args.engine == "both" else [args.engine]
    findings_by_engine = {engine: run_engine(engine, args) for engine in engines}
    missing = missing_pages(findings_by_engine, queries)
    if missing:
        raise SystemExit(
            "These expected pages do not exist (fix bench/relevance/queries.yaml, or mark the query pending): "
            + ", ".join(missing)
        )
    titles = set(demo_titles())
    for findings in findings_by_engine.values():
        titles |= {text for page in findings["pages"].values() for text in (page["h1"], page["title"]) if text}
    title_queries = exact_title_queries(queries, titles)
    lines = report(engines, findings_by_engine, descriptions, queries, title_queries)
    print("\n".join(["# Search relevance", "", *lines]))
    print("Queries that are a page's exact title: " + "; ".join(q.text for q in title_queries), file=sys.stderr)
    if args.write_results:
        write_section(args.write_results, descriptions, args.heading, lines)
        print(f'Wrote "### {args.heading}" in the "{SECTION[3:]}" section of {args.write_results}.', file=sys.stderr)


if __name__ == "__main__":
    main()
