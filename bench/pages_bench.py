"""Reader-page benchmark (issue 10): `make bench`, or

    .venv/bin/python bench/pages_bench.py --sizes 1000,10000,100000 [--write-results bench/RESULTS.md]

For each size it builds (or reuses) a PostgreSQL database of its own,
ssg_bench_<size>, holding the demo content plus generated published items
across the content types, so that there are <size> readable items in all. It
then starts the production-like server (gunicorn, DEBUG off, 2 workers,
WhiteNoise serving collected, hashed static files) with the benchmark's settings
(bench.settings: the product's settings over plain HTTP, plus a floor view at
/__bench__/floor/), once with the page cache off and once on, and drives it
with wrk from a second process over every reader page. It prints, per page,
requests per second, p50 and p99 latency, errors, SQL queries per request and
transferred (gzip) bytes, each page's throughput as a share of the floor, and
whether the issue's targets hold. It also runs nginx's proxy_cache in front of
the server against nginx serving the same bytes as a static file, and checks
the HTTP caching headers.

Everything listens on and talks to 127.0.0.1 only. Every wait and loop is bounded.
The only databases it creates or drops are named ssg_bench_<size>.
"""

import argparse
import contextlib
import datetime
import gzip
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "pages"
NGINX_TEMPLATE = REPO / "bench" / "nginx" / "proxy_cache.conf.template"
VENV_BIN = REPO / ".venv" / "bin"

# Bump when the generated data changes, so an older benchmark database is rebuilt rather than reused.
GENERATOR_VERSION = 1
# Several people's benchmarks on one PostgreSQL server keep apart with a prefix of their own (ssg_NAME_bench_).
DATABASE_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "ssg_bench_")
if not re.fullmatch(r"ssg_([a-z0-9]+_)?bench_", DATABASE_PREFIX):
    sys.exit(f"BENCH_DATABASE_PREFIX must look like ssg_bench_ or ssg_NAME_bench_, not {DATABASE_PREFIX!r}.")
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432"
COMMON_QUERY = "shared services"
# A word no demo item uses: the generator puts it in exactly one item at every size.
RARE_WORD = "palimpsest"

# Targets from issue 10 (the cache-off target was retired by issue 21) and issue 21.
CACHE_ON_TARGET = 0.90
STARTPROJECT_TARGET = 0.90
MAX_SCALE_DROP = 0.10

# Shares of the generated items by content type (types not installed are skipped; stages are
# not generated: the toolkit is one fixed path of a handful of stages).
GENERATED_SHARES = {"faq.question": 0.40, "guidance.guide": 0.30, "toolkit.template": 0.15, "toolkit.example": 0.15}
BATCH = 2000


def log(message):
    print(message, flush=True)


# ---------------------------------------------------------------------------
# Running things
# ---------------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_debian_package(command, package):
    """The path of `command`, installing Debian's `package` first if it is missing (as root only)."""
    found = shutil.which(command) or (Path("/usr/sbin") / command if (Path("/usr/sbin") / command).exists() else None)
    if found:
        return str(found)
    if os.geteuid() != 0:
        sys.exit(f"{command} is missing: install Debian's {package} package (sudo apt-get install {package}).")
    log(f"Installing Debian's {package} package…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", package]
    if subprocess.run(install, env=env, check=False).returncode != 0:  # noqa: S603
        subprocess.run(["apt-get", "update", "-q"], env=env, check=True)  # noqa: S603,S607
        subprocess.run(install, env=env, check=True)  # noqa: S603
    found = shutil.which(command) or "/usr/sbin/" + command
    if not Path(found).exists():
        sys.exit(f"{package} was installed but {command} is still not found.")
    return found


def child_env(size, args, **extra):
    """Environment for anything that runs the app against the size's database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "PAGE_CACHE_ENABLED", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=f"{args.pg_url.rstrip('/')}/{DATABASE_PREFIX}{size}",
        DEBUG="false",
        SECRET_KEY=args.secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(OUT / "media"),
        BENCH_STATIC_ROOT=str(OUT / "static"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def run_child(task, size, args, timeout, **extra_env):
    """Run this script's `task` in a separate Django process against the size's database; return its JSON."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", task, "--size", str(size)]
    env = child_env(size, args, PAGE_CACHE_ENABLED="false", PAGE_CACHE_DIR=str(OUT / f"generation-child-{size}"))
    env.update(extra_env)
    completed = subprocess.run(  # noqa: S603
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    for line in completed.stderr.splitlines()[-40:]:
        log(f"    | {line}")
    if completed.returncode != 0:
        log(completed.stdout[-4000:])
        raise SystemExit(f"The benchmark's '{task}' step failed for size {size} (exit {completed.returncode}).")
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith("BENCH-JSON "):
            return json.loads(line[len("BENCH-JSON ") :])
    raise SystemExit(f"The benchmark's '{task}' step printed no result.")


# ---------------------------------------------------------------------------
# Databases (only ever ssg_bench_<size>)
# ---------------------------------------------------------------------------


def maintenance_connection(args):
    import psycopg

    return psycopg.connect(f"{args.pg_url.rstrip('/')}/postgres", autocommit=True, connect_timeout=10)


def database_marker(args, name):
    with maintenance_connection(args) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    if not row or not row[0]:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None


def database_recreate(args, name):
    from psycopg import sql

    assert name.startswith(DATABASE_PREFIX) and name[len(DATABASE_PREFIX) :].isdigit(), name
    with maintenance_connection(args) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_mark(args, name, marker):
    from psycopg import sql

    with maintenance_connection(args) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(json.dumps(marker)))
        )


def database_ready(size, args):
    """Make sure ssg_bench_<size> holds <size> readable items; reuse it when it already does."""
    name = f"{DATABASE_PREFIX}{size}"
    marker = database_marker(args, name)
    if marker and not args.rebuild and marker.get("generator") == GENERATOR_VERSION and marker.get("size") == size:
        log(f"  Reusing database {name} ({marker['items']:,} readable items, built {marker['built']}).")
        outcome = run_child("refresh", size, args, timeout=900, BENCH_EXPECT_MODELS=json.dumps(marker["models"]))
        if outcome["ok"]:
            return marker
        log(f"  {name} no longer matches the content types ({outcome['reason']}): rebuilding it.")
    log(f"  Building database {name}: migrate, demo content, {size:,} items, search index…")
    started = time.monotonic()
    database_recreate(args, name)
    outcome = run_child("populate", size, args, timeout=args.populate_timeout)
    marker = {
        "generator": GENERATOR_VERSION,
        "size": size,
        "items": outcome["items"],
        "by_model": outcome["by_model"],
        "models": outcome["models"],
        "built": datetime.datetime.now().isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - started),
    }
    database_mark(args, name, marker)
    log(f"  Built {name} in {marker['seconds']} s: {outcome['by_model']}.")
    return marker


# ---------------------------------------------------------------------------
# Inside a Django process (--child): populate, refresh, inspect
# ---------------------------------------------------------------------------


def django_setup():
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


WHO = [
    "departments", "agencies", "arm's-length bodies", "customers", "providers", "staff", "finance teams",
    "HR teams", "procurement teams", "small bodies", "line managers", "shared service centres",
]  # fmt: skip
VERB = [
    "agree", "measure", "transfer", "budget for", "report on", "change", "renegotiate", "audit", "plan",
    "exit", "review", "escalate problems with", "forecast", "test", "sign off",
]  # fmt: skip
THING = [
    "service levels", "pension arrangements", "payroll data", "the service charge", "ERP licences",
    "supplier contracts", "TUPE transfers", "debt recovery", "travel bookings", "vetting checks",
    "the estates budget", "fraud controls", "bank reconciliations", "management information",
    "the governance board", "the exit plan", "customer satisfaction", "data protection", "invoices",
    "expenses claims", "the service catalogue", "benefits realisation", "the operating model",
]  # fmt: skip
WHEN = [
    "during the transition", "in the first year", "after a machinery-of-government change", "during an ERP upgrade",
    "at contract renewal", "in a spending review", "during parallel running", "at go-live", "when demand rises",
    "when a customer leaves", "before the business case is approved",
]  # fmt: skip
ORGS = [
    "Department for Education", "HM Revenue and Customs", "Ministry of Justice", "Cabinet Office",
    "Department for Transport", "Home Office", "Environment Agency", "DVLA", "Met Office", "Companies House",
    "Land Registry", "Ordnance Survey", "National Archives", "Valuation Office Agency",
]  # fmt: skip
DOCUMENTS = [
    "plan", "checklist", "tracker", "calculator", "register", "agreement", "statement", "model", "template",
    "self-assessment", "schedule", "dashboard",
]  # fmt: skip


def sentence_case(text):
    return text[:1].upper() + text[1:]


def question_title(rnd):
    who, verb, thing, when = rnd.choice(WHO), rnd.choice(VERB), rnd.choice(THING), rnd.choice(WHEN)
    return rnd.choice(
        [
            f"How do {who} {verb} {thing} {when}?",
            f"What happens to {thing} {when}?",
            f"Can {who} {verb} {thing} {when}?",
            f"Who is responsible for {thing} {when}?",
            f"Do {who} have to {verb} {thing}?",
        ]
    )


def guide_title(rnd):
    thing, who = rnd.choice(THING), rnd.choice(WHO)
    return rnd.choice(
        [
            f"{sentence_case(thing)}: a guide for {who}",
            f"Getting {thing} right {rnd.choice(WHEN)}",
            f"How to {rnd.choice(VERB)} {thing}",
            f"{sentence_case(thing)} in a shared service",
        ]
    )


def example_title(rnd):
    return f"How {rnd.choice(ORGS)} {rnd.choice(['agreed', 'measured', 'moved', 'improved', 'simplified'])} {rnd.choice(THING)}"  # noqa: E501


def template_title(rnd):
    return f"{sentence_case(rnd.choice(THING))} {rnd.choice(DOCUMENTS)}"


def summary_for(rnd, title):
    who, thing, when = rnd.choice(WHO), rnd.choice(THING), rnd.choice(WHEN)
    text = rnd.choice(
        [
            f"What {who} need to know about {thing} {when}, and who to ask.",
            f"Explains how shared services handle {thing} {when}.",
            f"The steps {who} take for {thing}, with the decisions to make {when}.",
            f"Practical advice on {thing} for {who} in a shared service.",
        ]
    )
    return text[:300]


def unique_slug(title, number):
    from django.utils.text import slugify

    return f"{slugify(title)[:100].rstrip('-')}-g{number}"


def bulk_link(model, field_name, pairs):
    """Create many-to-many rows (item pk, other pk) for model.field_name in batches."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs]
    through.objects.bulk_create(rows, batch_size=BATCH * 5, ignore_conflicts=True)
    return len(rows)


def type_fields(label, rnd, live_stages):
    """The fields of one generated item that belong to its content type."""
    from publishing.models import Audience

    if label == "faq.question":
        from faq.models import Category

        if "categories" not in _lookups:
            _lookups["categories"] = list(Category.objects.values_list("pk", flat=True))
        return {"category_id": rnd.choice(_lookups["categories"]), "position": rnd.randint(1, 200)}
    if label == "guidance.guide":
        return {
            "position": rnd.randint(1, 500),
            "audience": rnd.choice([Audience.PROVIDERS, Audience.CUSTOMERS, Audience.EVERYONE]),
        }
    if label == "toolkit.example":
        return {"stage_id": rnd.choice(live_stages), "organisation": rnd.choice(ORGS)}
    if label == "toolkit.template":
        from toolkit.models import Provenance

        return {
            "stage_id": rnd.choice(live_stages),
            "provenance": rnd.choice(Provenance.values),
            "file_version": f"{rnd.randint(1, 4)}.{rnd.randint(0, 9)}",
        }
    return {}


_lookups = {}


def generate_items(size):
    """Add published items until there are `size` readable items: realistic titles, demo bodies
    (rendered once per distinct body), topics, relations and a first-publication change note each."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from publishing.markdown import render_markdown
    from publishing.models import REVIEW_INTERVAL, Audience, ChangeNote, Status, Topic
    from publishing.registry import content_models

    rnd = random.Random(size)  # the same data for the same size, every time
    models = {model._meta.label_lower: model for model in content_models()}
    existing = sum(model.objects.published().count() for model in models.values())
    wanted = max(size - existing, 0)
    shares = {label: share for label, share in GENERATED_SHARES.items() if label in models}
    total_share = sum(shares.values())
    counts = {label: int(wanted * share / total_share) for label, share in shares.items()}
    if counts:
        counts[next(iter(counts))] += wanted - sum(counts.values())

    topics = list(Topic.objects.values_list("pk", flat=True))
    now = timezone.now()
    rendered = {}

    def render_once(body):
        if body not in rendered:
            rendered[body] = render_markdown(body)
        return rendered[body]

    # Bodies are the demo content's own (real length and structure), per content type.
    all_bodies = sorted({b for m in models.values() for b in m.objects.published().values_list("body", flat=True)})
    live_stages = []
    if "toolkit.stage" in models:
        live_stages = list(models["toolkit.stage"].objects.published().values_list("pk", flat=True))
    question_pks = []
    if "faq.question" in models:
        question_pks = list(models["faq.question"].objects.published().values_list("pk", flat=True))
    rare_word_placed = False
    made = {}

    for label, count in counts.items():
        model = models[label]
        if count <= 0:
            continue
        bodies = sorted(set(model.objects.published().values_list("body", flat=True))) or all_bodies
        title_for = {
            "faq.question": question_title,
            "guidance.guide": guide_title,
            "toolkit.example": example_title,
            "toolkit.template": template_title,
        }[label]
        new_pks, topic_pairs = [], []
        content_type = ContentType.objects.get_for_model(model)
        for start in range(0, count, BATCH):
            items = []
            for n in range(start, min(start + BATCH, count)):
                title = title_for(rnd)
                summary = summary_for(rnd, title)
                if not rare_word_placed:
                    summary = f"{summary[:200]} Known in one department as the {RARE_WORD} rule."
                    rare_word_placed = True
                body = rnd.choice(bodies)
                body_html, headings = render_once(body)
                published = now - datetime.timedelta(days=rnd.uniform(1, 3 * 365))
                changed = published + (now - published) * rnd.random() * 0.5
                fields = type_fields(label, rnd, live_stages)
                if "audience" not in fields:
                    fields["audience"] = rnd.choice([Audience.EVERYONE] * 3 + [Audience.PROVIDERS, Audience.CUSTOMERS])
                item = model(
                    title=title[:200],
                    slug=unique_slug(title, n),
                    summary=summary,
                    body=body,
                    body_html=body_html,
                    headings=headings,
                    status=Status.PUBLISHED,
                    publish_at=published,
                    first_published_at=published,
                    last_major_change_at=changed,
                    review_due=(published + REVIEW_INTERVAL).date(),
                    **fields,
                )
                items.append(item)
            with transaction.atomic():
                created = model.objects.bulk_create(items, batch_size=BATCH)
                notes = [
                    ChangeNote(
                        content_type=content_type,
                        object_id=item.pk,
                        changed_at=item.first_published_at,
                        note="First published.",
                    )
                    for item in created
                ]
                ChangeNote.objects.bulk_create(notes, batch_size=BATCH)
            for item in created:
                new_pks.append(item.pk)
                for topic in rnd.sample(topics, k=min(len(topics), rnd.choice([1, 1, 2, 2, 3]))):
                    topic_pairs.append((item.pk, topic))
        bulk_link(model, "topics", topic_pairs)
        made[label] = len(new_pks)
        relations_add(model, label, new_pks, rnd, question_pks, live_stages, topic_pairs)
        if label == "faq.question":
            question_pks += new_pks
        log(f"    generated {len(new_pks):,} {label}")
    return made


def relations_add(model, label, new_pks, rnd, question_pks, live_stages, topic_pairs):
    """Related items as editors would set them: a few per item, never growing with the content."""
    all_pks = list(model.objects.published().values_list("pk", flat=True))
    if label == "faq.question":
        bulk_link(model, "related", [(pk, other) for pk in new_pks for other in rnd.sample(all_pks, 2) if other != pk])
    elif label == "guidance.guide":
        bulk_link(model, "related", [(pk, other) for pk in new_pks for other in rnd.sample(all_pks, 3) if other != pk])
        if question_pks:
            bulk_link(model, "related_questions", [(pk, q) for pk in new_pks for q in rnd.sample(question_pks, 2)])
        if live_stages:
            bulk_link(model, "related_stages", [(pk, rnd.choice(live_stages)) for pk in new_pks])
        # The topic a guide is listed under on the audience pages: its first topic.
        first_topic = {}
        for pk, topic in topic_pairs:
            first_topic.setdefault(pk, topic)
        items = list(model.objects.filter(pk__in=new_pks).only("pk"))
        for item in items:
            item.main_topic_id = first_topic.get(item.pk)
        model.objects.bulk_update(items, ["main_topic"], batch_size=BATCH)
    elif label == "toolkit.template":
        from toolkit.models import TemplateFile

        by_format = {}
        for pk, file_format in TemplateFile.objects.values_list("pk", "format"):
            by_format.setdefault(file_format, []).append(pk)
        formats = sorted(by_format)
        if formats:
            pairs = []
            for pk in new_pks:
                for file_format in rnd.sample(formats, k=min(len(formats), rnd.randint(1, 3))):
                    pairs.append((pk, rnd.choice(by_format[file_format])))
            bulk_link(model, "files", pairs)


def content_model_labels():
    from publishing.registry import content_models

    return sorted(model._meta.label_lower for model in content_models())


def readable_counts():
    from publishing.registry import content_models

    return {model._meta.label_lower: model.objects.published().count() for model in content_models()}


def child_populate(size):
    from django.core.management import call_command, get_commands
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content")
    generate_items(size)
    if "rebuild_search_index" in get_commands():
        started = time.monotonic()
        call_command("rebuild_search_index")
        log(f"    search index rebuilt in {time.monotonic() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    counts = readable_counts()
    return {"items": sum(counts.values()), "by_model": counts, "models": content_model_labels()}


def child_refresh(size):
    from django.core.management import call_command

    expected = json.loads(os.environ.get("BENCH_EXPECT_MODELS", "[]"))
    if content_model_labels() != expected:
        return {"ok": False, "reason": f"content types {content_model_labels()} != {expected}"}
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content")
    counts = readable_counts()
    if abs(sum(counts.values()) - size) > max(size // 100, 60):
        return {"ok": False, "reason": f"{sum(counts.values())} readable items"}
    return {"ok": True}


def demo_item(model):
    """A stable choice at every size: the first demo-content item of the type, by slug."""
    from django.contrib.contenttypes.models import ContentType

    from publishing.models import LoadedContent

    loaded = LoadedContent.objects.filter(content_type=ContentType.objects.get_for_model(model))
    return model.objects.published().filter(pk__in=loaded.values("object_id")).order_by("slug").first()


def reader_pages():
    """(key, label, url) of each benchmarked page, in the order of the issue."""
    from django.apps import apps
    from django.urls import reverse

    from publishing.models import Topic

    def model(label):
        try:
            return apps.get_model(label)
        except LookupError:
            return None

    pages = [("home", "Home", "/"), ("faq", "FAQ", reverse("faq:index"))]
    question = demo_item(model("faq.Question"))
    if question:
        pages.append(("question", "A question", question.get_absolute_url()))
    if model("guidance.Guide") and (guide := demo_item(model("guidance.Guide"))):
        pages.append(("guide", "A guide", guide.get_absolute_url()))
    if model("toolkit.Stage"):
        pages.append(("toolkit", "Toolkit", reverse("toolkit:index")))
        stage = model("toolkit.Stage").objects.in_order().first()
        if stage:
            pages.append(("stage", "A stage", stage.get_absolute_url()))
        pages.append(("templates", "Templates", reverse("toolkit:templates")))
    topic = Topic.objects.order_by("position", "title").first()
    if topic:
        pages.append(("topic", "A topic", topic.get_absolute_url()))
    search = reverse("search:index")
    pages.append(("search_common", "Search: common", f"{search}?q={COMMON_QUERY.replace(' ', '+')}"))
    pages.append(("search_rare", "Search: rare", f"{search}?q={RARE_WORD}"))
    return pages


def child_inspect(size):
    """SQL queries per request (page cache off, warm process), the page's status and size, the floor's bytes."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    pages = []
    for key, label, url in reader_pages():
        client.get(url)  # warm: content types, templates, the pool's connection
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries.captured_queries)  # read now: the next request empties the log
        compressed = client.get(url, headers={"accept-encoding": "gzip"})
        pages.append(
            {
                "key": key,
                "label": label,
                "url": url,
                "status": response.status_code,
                "queries": query_count,
                "html_bytes": len(response.content),
                "gzip_bytes_inprocess": len(compressed.content),
            }
        )
    home = Client(HTTP_HOST="127.0.0.1").get("/")
    floor_file = Path(os.environ["BENCH_FLOOR_OUT"])
    floor_file.write_bytes(home.content)
    totals = {}
    try:
        from search.selectors import SearchParams, search_run

        for word in (COMMON_QUERY, RARE_WORD):
            totals[word] = search_run(params=SearchParams(q=word)).total
    except Exception as error:  # search is optional here; the pages are what is measured
        totals["error"] = str(error)
    return {"pages": pages, "search_totals": totals, "by_model": readable_counts()}


RENDER_REPEATS = 60


def child_renders(size):
    """Each reader page but search rendered uncached in-process (page cache off, warm process): median and
    slowest of RENDER_REPEATS renders, in milliseconds, the median CPU time of this process alone (which other
    work on the machine barely moves, unlike the wall-clock time), and the SQL queries of one. The pages take
    turns, one render each a round, so a burst of other work on the machine slows every page a little rather
    than one page's whole run."""
    import statistics

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.machine import machine_speed

    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    pages = [(key, label, url) for key, label, url in reader_pages() if not is_search(key)]
    for _, _, url in pages:
        client.get(url)  # warm: templates, content types, the pool's connection, prepared statements
    times, cpu_times, statuses = {url: [] for *_, url in pages}, {url: [] for *_, url in pages}, {}
    for _ in range(RENDER_REPEATS):
        for _, _, url in pages:
            started, cpu_started = time.perf_counter(), time.process_time()
            statuses[url] = client.get(url).status_code
            times[url].append((time.perf_counter() - started) * 1000)
            cpu_times[url].append((time.process_time() - cpu_started) * 1000)
    renders = []
    for key, label, url in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        renders.append(
            {
                "key": key,
                "label": label,
                "url": url,
                "status": statuses[url],
                "median_ms": statistics.median(times[url]),
                "cpu_median_ms": statistics.median(cpu_times[url]),
                "max_ms": max(times[url]),
                "queries": len(queries.captured_queries),
            }
        )
    return {"renders": renders, "by_model": readable_counts(), "machine_ms": machine_speed()}


RENDER_TARGET_MS = 10.0


def renders_section(results):
    """The "## First renders" section: every reader page but search, uncached, in-process, per size."""
    lines = [
        "## First renders",
        "",
        f"What a reader waits for when a page is not cached (the first view after a publish): each reader page "
        f"but search rendered {RENDER_REPEATS} times in one warm process, the pages taking turns, with the page cache "
        "off (`make bench-renders`), through the whole middleware stack, on PostgreSQL. "
        f"Target: median ≤ {RENDER_TARGET_MS:.0f} ms at 100,000 items.",
        "",
        "The last column is the machine's speed during the run: a fixed pure-Python loop (a million additions), "
        "best of five. Compare runs by it: the same code renders more slowly when it is higher.",
        "",
        "| items | page | URL | median | slowest | median CPU (app only) | SQL queries | target | load average "
        "| loop |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for size, outcome in results:
        for page in outcome["renders"]:
            ok = "✅" if page["median_ms"] <= RENDER_TARGET_MS else "❌"
            lines.append(
                f"| {size:,} | {page['label']} | `{page['url']}` | {page['median_ms']:.1f} ms | "
                f"{page['max_ms']:.1f} ms | {page['cpu_median_ms']:.1f} ms | {page['queries']} | {ok} | "
                f"{outcome.get('load', '?')} | {outcome.get('machine_ms', 0):.0f} ms |"
            )
    return "\n".join(lines) + "\n"


def renders_main(args):
    results = []
    for size in args.sizes:
        database_ready(size, args)
        log(f"  Rendering every reader page but search at {size:,} items, in-process…")
        outcome = run_child("renders", size, args, timeout=1800)
        outcome["load"] = load_average()
        for page in outcome["renders"]:
            log(f"    {page['label']:<14} median {page['median_ms']:6.1f} ms  slowest {page['max_ms']:6.1f} ms  "
                f"CPU {page['cpu_median_ms']:6.1f} ms  "
                f"{page['queries']} queries")  # fmt: skip
        results.append((size, outcome))
    section = renders_section(results)
    log("\n" + section)
    if args.write_results:
        path = Path(args.write_results)
        text = path.read_text()
        pattern = re.compile(r"^## First renders\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
        text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
        path.write_text(text)
        log(f'Wrote the "## First renders" section of {path}.')


def child_main(task, size):
    django_setup()
    children = {
        "populate": child_populate,
        "refresh": child_refresh,
        "inspect": child_inspect,
        "renders": child_renders,
    }
    outcome = children[task](size)
    print("BENCH-JSON " + json.dumps(outcome), flush=True)


# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------


class Server:
    """gunicorn as production runs it (2 sync workers, no access log: nginx keeps it), with the benchmark's
    settings, on a free port."""

    wsgi = "sharedservices.wsgi"
    log_name = "cache"

    def __init__(self, size, args, cache_on, floor_file):
        mode = "on" if cache_on else "off"
        self.generation_dir = Path(tempfile.mkdtemp(prefix=f"generation-{size}-{mode}-", dir=OUT))
        self.log_path = OUT / f"gunicorn-{size}-{self.log_name}-{mode}.log"
        self.log_file = self.log_path.open("w")
        self.env = self.environment(size, args, cache_on, floor_file)
        self.args = args
        self.cache_on = cache_on
        self.restarts = 0
        self.start()

    def environment(self, size, args, cache_on, floor_file):
        return child_env(
            size,
            args,
            PAGE_CACHE_ENABLED="true" if cache_on else "false",
            PAGE_CACHE_DIR=str(self.generation_dir),
            BENCH_FLOOR_BODY=str(floor_file),
        )

    def start(self):
        # A restart keeps the port (gunicorn binds with SO_REUSEADDR), so URLs made before it stay valid.
        if not getattr(self, "port", None):
            self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            str(VENV_BIN / "gunicorn"),
            self.wsgi,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.args.workers),
            "--forwarded-allow-ips",
            "127.0.0.1",
            "--error-logfile",
            "-",
        ]
        if self.args.access_log:
            command += ["--access-logfile", "-"]
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=REPO, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT
        )
        try:
            self.wait_ready()
        except SystemExit:
            # Never leave a server behind that did not come up.
            self.process_stop()
            raise

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}); see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        raise SystemExit(f"gunicorn did not answer within {timeout} s; see {self.log_path}")

    def drain(self):
        """Let the workers finish what wrk left queued (after a slow page they stay busy once wrk stops):
        /healthz is answered once they reach it. If that takes longer than --drain-timeout, restart."""
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=self.args.drain_timeout):  # noqa: S310
                return
        except (urllib.error.URLError, OSError):
            pass
        log(f"    (requests still queued after {self.args.drain_timeout} s: restarting the server)")
        self.process_stop()
        self.restarts += 1
        self.start()

    def warm(self, path, timeout=300):
        """After a restart with the page cache on: fill each worker's cache with the page (several concurrent
        requests, so that every worker gets one), as it was before the restart."""
        threads = [
            threading.Thread(target=transferred_bytes, args=(self.url + path, timeout), daemon=True)
            for _ in range(self.args.workers * 2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout + 5)

    def process_stop(self):
        if self.process.poll() is None:
            # Quick shutdown: queued requests of a slow page are dropped rather than finished.
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def stop(self):
        self.process_stop()
        self.log_file.close()
        shutil.rmtree(self.generation_dir, ignore_errors=True)


class StartprojectFloor(Server):
    """Django's own floor: a `startproject` app (bench/startproject_floor/) returning the home page's bytes,
    under gunicorn with the same workers, run alternately with the portal's pages."""

    wsgi = "bench.startproject_floor.wsgi"
    log_name = "startproject"

    def environment(self, size, args, cache_on, floor_file):
        return {
            **{key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "bench.startproject_floor.settings",
            "SECRET_KEY": args.secret_key,
            "BENCH_FLOOR_BODY": str(floor_file),
            "PYTHONPATH": str(REPO),
        }


# ---------------------------------------------------------------------------
# HTTP: bytes, headers
# ---------------------------------------------------------------------------


def fetch(url, headers=None, timeout=60):
    """(status, headers, raw body) of one GET; urllib never decompresses, so the body is the bytes sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **(headers or {})})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def transferred_bytes(url, timeout=60):
    try:
        status, headers, body = fetch(url, timeout=timeout)
    except (urllib.error.URLError, OSError) as error:
        return {"status": None, "bytes": None, "encoding": "", "error": str(error)}
    return {"status": status, "bytes": len(body), "encoding": headers.get("Content-Encoding", "")}


def header_checks(base, pages):
    """Reader pages: ETag, Last-Modified, proxy-cacheable Cache-Control, 304 on conditional requests.
    Hashed static files: WhiteNoise's immutable, ten-year Cache-Control."""
    checks = []
    for page in pages:
        url = base + page["url"]
        try:
            status, headers, _ = fetch(url)
            etag, modified = headers.get("ETag"), headers.get("Last-Modified")
            control = headers.get("Cache-Control", "")
            by_etag = fetch(url, {"If-None-Match": etag})[0] if etag else None
            by_date = fetch(url, {"If-Modified-Since": modified})[0] if modified else None
        except (urllib.error.URLError, OSError) as error:
            checks.append({"what": page["label"], "ok": False, "detail": f"no answer: {error}"})
            continue
        ok = (
            status == 200
            and bool(etag)
            and bool(modified)
            and "public" in control
            and "s-maxage" in control
            and by_etag == 304
            and by_date == 304
        )
        checks.append(
            {
                "what": page["label"],
                "ok": ok,
                "detail": f"ETag {'yes' if etag else 'NO'}, Last-Modified {'yes' if modified else 'NO'}, "
                f"Cache-Control '{control}', If-None-Match → {by_etag}, If-Modified-Since → {by_date}",
            }
        )
    _, _, home = fetch(base + "/")
    html = gzip.decompress(home).decode() if home[:2] == b"\x1f\x8b" else home.decode()
    hashed = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|mjs|js|svg))"', html)))
    if not hashed:
        checks.append({"what": "Hashed static files", "ok": False, "detail": "no hashed /static/ URL on the home page"})
    for path in hashed[:4]:
        status, headers, _ = fetch(base + path)
        control = headers.get("Cache-Control", "")
        checks.append(
            {
                "what": f"Static {path}",
                "ok": status == 200 and control == "max-age=315360000, public, immutable",
                "detail": f"{status}, Cache-Control '{control}', "
                f"Content-Encoding '{headers.get('Content-Encoding', '')}'",
            }
        )
    return checks


# ---------------------------------------------------------------------------
# wrk
# ---------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def as_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else None


def parse_wrk(output):
    def number(pattern, default=0.0):
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_total = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.MULTILINE))
    return {
        "rps": number(r"Requests/sec:\s+([\d.]+)"),
        "requests": int(number(r"(\d+) requests in")),
        "p50_ms": as_ms(latency["50"]) if "50" in latency else None,
        "p99_ms": as_ms(latency["99"]) if "99" in latency else None,
        "socket_errors": socket_total,
        "socket_detail": socket_errors.group(0) if socket_errors else "",
        "non_2xx_3xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
    }


def wrk(args, url, seconds, meter=None, encoding="gzip"):
    """One wrk run. With a CpuMeter, also how much of the machine's CPU went to other processes meanwhile."""
    command = [
        args.wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        f"--timeout={args.timeout}s",
        "--latency",
        "-H",
        f"Accept-Encoding: {encoding}",
        url,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # noqa: S603
    if meter:
        meter.start(process.pid)
    try:
        stdout, stderr = process.communicate(timeout=seconds + args.timeout + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate(timeout=10)
        raise SystemExit(f"wrk did not finish: {url}") from None
    if process.returncode != 0:
        # e.g. the server refused connections: the run counts, as one error and no answers.
        log(f"    wrk failed on {url}: {(stderr or stdout).strip()}")
        failed = {"rps": 0.0, "requests": 0, "p50_ms": None, "p99_ms": None, "socket_errors": 1, "non_2xx_3xx": 0}
        return {**failed, "socket_detail": (stderr or stdout).strip(), "errors": 1}
    result = parse_wrk(stdout)
    result["errors"] = result["socket_errors"] + result["non_2xx_3xx"]
    if meter:
        result["cpu"] = meter.stop()
    return result


def measure(args, url, server=None, meter=None, encoding="gzip"):
    """A short warm-up, then the measured run. Requests the warm-up left queued on a slow page are
    finished (or the server restarted) first, so the measured run starts from an idle server."""
    if args.warmup > 0:
        wrk(args, url, args.warmup, encoding=encoding)
        if server:
            restarts = server.restarts
            server.drain()
            if server.restarts > restarts and server.cache_on:
                server.warm(url[len(server.url) :])
    return wrk(args, url, args.duration, meter, encoding)


def clock_ticks(pid):
    """CPU time (user + system, in clock ticks) a process has used, or 0 if it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def reaped_children_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_ticks():
    """(busy, total) clock ticks of all CPUs since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


class CpuMeter:
    """Splits the CPU used during a run into the benchmark's own (gunicorn, wrk, the PostgreSQL backends of
    the benchmark's database) and everything else on the machine, so noisy runs can be recognised."""

    def __init__(self, args, server, database):
        self.args, self.server, self.database = args, server, database

    def pids(self):
        pids = [self.server.process.pid, *children(self.server.process.pid)]
        # The figure is informative: a failure to list the backends never fails a run.
        with contextlib.suppress(Exception), maintenance_connection(self.args) as conn:
            rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database])
            pids += [row[0] for row in rows]
        return pids

    def start(self, wrk_pid):
        self.ours = {pid: clock_ticks(pid) for pid in self.pids()}
        self.reaped = reaped_children_seconds()  # wrk's own CPU time is known once it has been waited for
        self.machine = machine_ticks()

    def stop(self):
        busy_a, total_a = self.machine
        busy_b, total_b = machine_ticks()
        ours = sum(max(clock_ticks(pid) - before, 0) for pid, before in self.ours.items())
        ours += (reaped_children_seconds() - self.reaped) * os.sysconf("SC_CLK_TCK")
        total = max(total_b - total_a, 1)
        busy = (busy_b - busy_a) / total
        mine = min(ours / total, busy)
        return {"busy": busy, "ours": mine, "others": max(busy - mine, 0.0)}


# ---------------------------------------------------------------------------
# nginx
# ---------------------------------------------------------------------------


def nginx_run(args, server, page):
    """proxy_cache in front of the server for one reader page, against nginx serving the same bytes as a file."""
    nginx = ensure_debian_package("nginx", "nginx")
    prefix = Path(tempfile.mkdtemp(prefix="nginx-", dir=OUT))
    try:
        prefix.chmod(0o755)
        (prefix / "static").mkdir()
        (prefix / "static").chmod(0o755)
        status, headers, body = fetch(server.url + page["url"])
        static_copy = prefix / "static" / "static-copy.html"
        static_copy.write_bytes(body)
        static_copy.chmod(0o644)
        port = free_port()
        user = "www-data" if os.geteuid() == 0 else os.environ.get("USER", "nobody")
        config = NGINX_TEMPLATE.read_text()
        for key, value in {
            "PREFIX": str(prefix),
            "PORT": str(port),
            "UPSTREAM_PORT": str(server.port),
            "USER": user,
            "WORKERS": str(args.nginx_workers),
        }.items():
            config = config.replace("{{" + key + "}}", value)
        (prefix / "nginx.conf").write_text(config)
        command = [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
        test = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True, check=False)  # noqa: S603
        if test.returncode != 0:
            return {"error": f"nginx -t failed: {test.stderr.strip()}"}
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    fetch(base + "/__nginx__/static-copy.html", timeout=2)
                    break
                except (urllib.error.URLError, OSError):
                    time.sleep(0.2)
            fetch(base + page["url"])
            _, cached_headers, cached_body = fetch(base + page["url"])
            cache_status = cached_headers.get("X-Cache-Status", "")
            proxied = measure(args, base + page["url"])
            _, after_headers, _ = fetch(base + page["url"])
            static = measure(args, base + "/__nginx__/static-copy.html")
        finally:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        return {
            "page": page["label"],
            "url": page["url"],
            "bytes": len(body),
            "cached_bytes": len(cached_body),
            "cache_status": cache_status,
            "cache_status_after": after_headers.get("X-Cache-Status", ""),
            "proxy_cache": proxied,
            "static": static,
            "ratio": proxied["rps"] / static["rps"] if static["rps"] else 0.0,
        }
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


# ---------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------


def cpu_busy(seconds=2.0):
    """Share of all CPU time used (by anything) over the next `seconds`, from /proc/stat."""

    def sample():
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return idle, sum(fields[:8])

    try:
        idle_a, total_a = sample()
        time.sleep(seconds)
        idle_b, total_b = sample()
    except (OSError, ValueError, IndexError):
        return 0.0
    total = total_b - total_a
    return 1 - (idle_b - idle_a) / total if total else 0.0


def wait_for_quiet(args):
    """Wait (at most --quiet-wait seconds) until other processes leave the CPU mostly idle; return their share."""
    deadline = time.monotonic() + args.quiet_wait
    busy = cpu_busy()
    while busy > args.quiet_cpu and time.monotonic() < deadline:
        log(f"    other processes are using {busy:.0%} of the CPU; waiting for ≤ {args.quiet_cpu:.0%}…")
        time.sleep(10)
        busy = cpu_busy()
    if busy > args.quiet_cpu:
        log(f"    WARNING: the machine is still {busy:.0%} busy with other work; measuring anyway.")
    return busy


def load_average():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def bench_size(size, args):
    log(f"\n=== {size:,} items ===")
    marker = database_ready(size, args)
    floor_file = OUT / f"floor-{size}.html"
    inspect = run_child("inspect", size, args, timeout=1800, BENCH_FLOOR_OUT=str(floor_file))
    pages = [p for p in inspect["pages"] if not args.pages or p["key"] in args.pages]
    for page in pages:
        if page["status"] != 200:
            log(f"  WARNING: {page['url']} answers {page['status']} in-process")
    log(f"  Search totals: {inspect['search_totals']}")
    result = {
        "size": size,
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "database": marker,
        "search_totals": inspect["search_totals"],
        "pages": {p["key"]: dict(p) for p in pages},
        "floor": {},
        "modes": {},
        "checks": [],
        "nginx": None,
        "command": args.command,
        "load": {
            "duration": args.duration,
            "warmup": args.warmup,
            "floor_duration": args.floor_duration,
            "connections": args.connections,
            "threads": args.threads,
            "timeout": args.timeout,
            "workers": args.workers,
        },
    }
    floor_url = "/__bench__/floor/"
    for cache_on in (False, True):
        mode = "on" if cache_on else "off"
        busy = wait_for_quiet(args)
        log(f"  --- page cache {mode} (other processes used {busy:.0%} of the CPU just before) ---")
        result["cpu_busy_before_" + mode] = busy
        server = Server(size, args, cache_on, floor_file)
        try:
            runs = {}
            # The floor brackets every page: measured before the first page and after each one, so each
            # page is compared with the floor of the same minute (other load on the machine drifts).
            meter = CpuMeter(args, server, f"{DATABASE_PREFIX}{size}")
            floors = [measure(args, server.url + floor_url, server, meter)]
            log(f"    {'floor':<16} {format_run(floors[-1])}")
            for page in pages:
                sent = transferred_bytes(server.url + page["url"])
                result["pages"][page["key"]][f"gzip_bytes_{mode}"] = sent["bytes"]
                result["pages"][page["key"]][f"http_status_{mode}"] = sent["status"]
                run = measure(args, server.url + page["url"], server, meter)
                server.drain()
                floors.append(wrk(args, server.url + floor_url, args.floor_duration, meter))
                run["floor_rps"] = (floors[-2]["rps"] + floors[-1]["rps"]) / 2
                run["ratio"] = run["rps"] / run["floor_rps"] if run["floor_rps"] else 0.0
                runs[page["key"]] = run
                log(f"    {page['label']:<16} {format_run(run)}  {run['ratio']:4.0%} of floor {run['floor_rps']:.0f}")
            rates = [f["rps"] for f in floors]
            result["floor"][mode] = {
                "runs": floors,
                "rps": sum(rates) / len(rates),
                "min": min(rates),
                "max": max(rates),
                "p50_ms": floors[0]["p50_ms"],
                "p99_ms": floors[0]["p99_ms"],
                "errors": sum(f["errors"] for f in floors),
            }
            log(f"    floor: mean {result['floor'][mode]['rps']:.0f} req/s, {min(rates):.0f}–{max(rates):.0f}")
            result["floor"]["gzip_bytes"] = transferred_bytes(server.url + floor_url)["bytes"]
            result["modes"][mode] = runs
            if cache_on:
                if not args.skip_startproject:
                    result["startproject"] = startproject_runs(args, size, server, pages, floor_file, meter)
                result["checks"] = header_checks(server.url, pages)
                if not args.skip_nginx and args.nginx_done is False:
                    page = next((p for p in pages if p["key"] == "question"), pages[0])
                    log(f"    nginx proxy_cache in front of {page['url']} vs nginx serving the same bytes…")
                    result["nginx"] = nginx_run(args, server, page)
                    args.nginx_done = True
        finally:
            server.stop()
    (OUT / f"results-{size}.json").write_text(json.dumps(result, indent=2))
    return result


def startproject_runs(args, size, server, pages, floor_file, meter):
    """Every cached page, with gzip and without, alternated with Django's own floor (a `startproject` app
    returning the same bytes): each run is compared with the mean of the floor runs just before and after it."""
    log("    --- cached pages against the startproject floor, alternately ---")
    floor = StartprojectFloor(size, args, False, floor_file)
    try:
        floors = [measure(args, floor.url + "/", floor, meter)]
        log(f"    {'startproject':<16} {format_run(floors[-1])}")
        runs = {}
        for page in pages:
            for encoding in ENCODINGS:
                run = measure(args, server.url + page["url"], server, meter, encoding)
                floors.append(wrk(args, floor.url + "/", args.floor_duration, meter, encoding))
                run["floor_rps"] = (floors[-2]["rps"] + floors[-1]["rps"]) / 2
                run["ratio"] = run["rps"] / run["floor_rps"] if run["floor_rps"] else 0.0
                runs.setdefault(page["key"], {})[encoding] = run
                log(
                    f"    {page['label'][:10] + ' ' + encoding:<16} {format_run(run)}  "
                    f"{run['ratio']:4.0%} of startproject {run['floor_rps']:.0f}"
                )
    finally:
        floor.stop()
    rates = [f["rps"] for f in floors]
    return {
        "floor": {"rps": sum(rates) / len(rates), "min": min(rates), "max": max(rates), "runs": floors},
        "pages": runs,
    }


ENCODINGS = ("gzip", "identity")


def format_run(run):
    others = f"  others' CPU {run['cpu']['others']:.0%}" if run.get("cpu") else ""
    return (
        f"{run['rps']:8.0f} req/s  p50 {fmt_ms(run['p50_ms']):>8}  p99 {fmt_ms(run['p99_ms']):>8}  "
        f"{run['requests']:>6} done  errors {run['errors']}{others}"
    )


def fmt_ms(value):
    if value is None:
        return "?"
    return f"{value:.1f} ms" if value < 1000 else f"{value / 1000:.2f} s"


def git_commit():
    try:
        head = subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(  # noqa: S603
            ["git", "status", "--porcelain"],  # noqa: S607
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        return head + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


# ---------------------------------------------------------------------------
# Reporting and targets
# ---------------------------------------------------------------------------


def is_search(key):
    return key.startswith("search")


def target_lines(results):
    """(ok, text) for each target of the issue, over the sizes run (and the saved 1,000-item figures)."""
    lines = []
    for result in results:
        size = result["size"]
        on = result["modes"]["on"]
        labels = {key: page["label"] for key, page in result["pages"].items()}
        label = labels.__getitem__
        low_on = [f"{label(k)} {r['ratio']:.0%}" for k, r in on.items() if r["ratio"] < CACHE_ON_TARGET]
        lines.append(
            (
                not low_on,
                f"{size:,} items, cache on ≥ {CACHE_ON_TARGET:.0%} of floor for every page: "
                + ("holds" if not low_on else "MISSED by " + ", ".join(low_on)),
            )
        )
        startproject = result.get("startproject")
        if startproject:
            low = [
                f"{label(k)} ({encoding}) {run['ratio']:.0%}"
                for k, by_encoding in startproject["pages"].items()
                for encoding, run in by_encoding.items()
                if run["ratio"] < STARTPROJECT_TARGET
            ]
            lines.append(
                (
                    not low,
                    f"{size:,} items, cache on ≥ {STARTPROJECT_TARGET:.0%} of Django's own (startproject) floor "
                    "for every page, gzip and not: " + ("holds" if not low else "MISSED by " + ", ".join(low)),
                )
            )
        errors = [
            f"{label(k)} ({mode}) {r['errors']}"
            for mode, runs in result["modes"].items()
            for k, r in runs.items()
            if r["errors"]
        ]
        errors += [
            f"{label(k)} ({mode}) no answer within the run"
            for mode, runs in result["modes"].items()
            for k, r in runs.items()
            if not r["requests"] and not r["errors"]
        ]
        errors += [
            f"floor ({mode}) {result['floor'][mode]['errors']}"
            for mode in ("off", "on")
            if result["floor"][mode]["errors"]
        ]
        lines.append(
            (
                not errors,
                f"{size:,} items, zero errors at 64 connections: "
                + ("holds" if not errors else "MISSED: " + ", ".join(errors)),
            )
        )
    by_size = {r["size"]: r for r in results}
    base = by_size.get(1000)
    if base is None and (OUT / "results-1000.json").exists():
        base = json.loads((OUT / "results-1000.json").read_text())
    biggest = max(results, key=lambda r: r["size"])
    if base and biggest["size"] > base["size"]:
        for mode in ("on", "off"):
            drops = []
            for key, run in biggest["modes"][mode].items():
                if mode == "off" and is_search(key):
                    continue
                before = base["modes"][mode].get(key, {}).get("ratio")
                if before:
                    drop = 1 - run["ratio"] / before
                    if drop > MAX_SCALE_DROP:
                        drops.append(f"{biggest['pages'][key]['label']} {before:.0%} → {run['ratio']:.0%}")
            scope = "every page" if mode == "on" else "every page but search"
            lines.append(
                (
                    not drops,
                    f"{biggest['size']:,} vs 1,000 items, cache {mode}: ratio drops ≤ {MAX_SCALE_DROP:.0%} "
                    f"for {scope}: " + ("holds" if not drops else "MISSED by " + ", ".join(drops)),
                )
            )
        if biggest["size"] < 100_000:
            lines.append((None, "100,000 items not run: the scale target is checked at the largest size run."))
    return lines


def page_bytes(page):
    """gzip bytes of one real request to the server (cache off), or the in-process figure, starred, if it failed."""
    sent = page.get("gzip_bytes_off")
    return f"{sent:,}" if sent else f"{page.get('gzip_bytes_inprocess', 0):,}*"


def fmt_rps(run):
    if not run["requests"]:
        return "0 (no answer in time)"
    return f"{run['rps']:,.0f}" if run["rps"] >= 10 else f"{run['rps']:.1f}"


def latency(run):
    # wrk leaves answers slower than its timeout out of the latencies: with only those, there are none.
    return f"{fmt_ms(run['p50_ms'])} / {fmt_ms(run['p99_ms'])}" if run["requests"] and run["p50_ms"] else "—"


def others_cpu(run):
    cpu = run.get("cpu")
    return f"{cpu['others']:.0%}" if cpu else "?"


def page_table(result):
    """Markdown table of one size: every page, cache off and on."""
    rows = [
        "| page | URL | cache off req/s | off ÷ floor | off p50 / p99 | cache on req/s | on ÷ floor "
        "| on p50 / p99 | errors off/on | SQL queries | gzip bytes | HTML bytes | others' CPU off/on |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    off_floor, on_floor = result["floor"]["off"], result["floor"]["on"]
    rows.append(
        f"| **floor** (mean; range) | `/__bench__/floor/` | {off_floor['rps']:,.0f} "
        f"({off_floor['min']:,.0f}–{off_floor['max']:,.0f}) | 100% | "
        f"{fmt_ms(off_floor['p50_ms'])} / {fmt_ms(off_floor['p99_ms'])} | {on_floor['rps']:,.0f} "
        f"({on_floor['min']:,.0f}–{on_floor['max']:,.0f}) | 100% | "
        f"{fmt_ms(on_floor['p50_ms'])} / {fmt_ms(on_floor['p99_ms'])} | "
        f"{off_floor['errors']}/{on_floor['errors']} | 0 | {result['floor'].get('gzip_bytes') or 0:,} | | "
        f"{others_cpu(off_floor['runs'][0])}/{others_cpu(on_floor['runs'][0])} |"
    )
    for key, page in result["pages"].items():
        off, on = result["modes"]["off"].get(key), result["modes"]["on"].get(key)
        if not off or not on:
            continue
        rows.append(
            f"| {page['label']} | `{page['url']}` | {fmt_rps(off)} | {off['ratio']:.0%} | "
            f"{latency(off)} | {fmt_rps(on)} | {on['ratio']:.0%} | "
            f"{latency(on)} | {off['errors']}/{on['errors']} | "
            f"{page['queries']} | {page_bytes(page)} | {page['html_bytes']:,} | {others_cpu(off)}/{others_cpu(on)} |"
        )
    return rows


def startproject_table(result):
    """Markdown table: each cached page, gzip and not, as a share of the startproject floor run beside it."""
    startproject = result.get("startproject")
    if not startproject:
        return []
    floor = startproject["floor"]
    rows = [
        "",
        f"Cached pages against Django's own floor (a `startproject` app returning the same bytes, "
        f"`bench/startproject_floor/`, same gunicorn workers): floor mean {floor['rps']:,.0f} req/s "
        f"({floor['min']:,.0f}–{floor['max']:,.0f}), each page compared with the floor runs just before and after it.",
        "",
        "| page | gzip req/s | gzip ÷ floor | gzip p50 / p99 | identity req/s | identity ÷ floor "
        "| identity p50 / p99 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, by_encoding in startproject["pages"].items():
        gz, plain = by_encoding.get("gzip"), by_encoding.get("identity")
        if not gz or not plain:
            continue
        rows.append(
            f"| {result['pages'][key]['label']} | {fmt_rps(gz)} | {gz['ratio']:.0%} | {latency(gz)} | "
            f"{fmt_rps(plain)} | {plain['ratio']:.0%} | {latency(plain)} |"
        )
    return rows


def print_report(results):
    for result in results:
        log(f"\n{result['size']:,} items ({result['database']['by_model']}), run {result['date']}")
        for mode in ("off", "on"):
            floor = result["floor"][mode]
            log(
                f"floor, cache {mode}: mean {floor['rps']:,.0f} req/s ({floor['min']:,.0f}–{floor['max']:,.0f} "
                f"over {len(floor['runs'])} runs bracketing the pages; each page's % uses the two around it)"
            )
        header = (
            f"{'page':<16}{'off req/s':>10}{'off %':>7}{'p50':>9}{'p99':>9}{'on req/s':>10}{'on %':>7}"
            f"{'p50':>9}{'p99':>9}{'err':>7}{'SQL':>5}{'gzip B':>11}{'HTML B':>11}"
        )
        log(header)
        for key, page in result["pages"].items():
            off, on = result["modes"]["off"].get(key), result["modes"]["on"].get(key)
            if not off or not on:
                continue
            log(
                f"{page['label']:<16}{off['rps']:>10.0f}{off['ratio']:>7.0%}{fmt_ms(off['p50_ms']):>9}"
                f"{fmt_ms(off['p99_ms']):>9}{on['rps']:>10.0f}{on['ratio']:>7.0%}{fmt_ms(on['p50_ms']):>9}"
                f"{fmt_ms(on['p99_ms']):>9}{str(off['errors']) + '/' + str(on['errors']):>7}{page['queries']:>5}"
                f"{page_bytes(page):>11}{page['html_bytes']:>11,}"
            )
        for row in startproject_table(result):
            log(row)
        for check in result["checks"]:
            log(f"  header check {'ok  ' if check['ok'] else 'FAIL'} {check['what']}: {check['detail']}")
        nginx = result.get("nginx")
        if nginx and "error" not in nginx:
            log(
                f"  nginx: proxy_cache {nginx['proxy_cache']['rps']:,.0f} req/s ({nginx['cache_status_after']}) vs "
                f"static file {nginx['static']['rps']:,.0f} req/s: {nginx['ratio']:.0%} "
                f"({nginx['bytes']:,} bytes, errors {nginx['proxy_cache']['errors']}/{nginx['static']['errors']})"
            )
        elif nginx:
            log(f"  nginx: {nginx['error']}")
    log("\nTargets (issue 10):")
    for ok, text in target_lines(results):
        log(f"  {'--' if ok is None else 'ok' if ok else 'MISS'}  {text}")


def machine_description():
    try:
        memory = subprocess.run(["free", "-g"], capture_output=True, text=True, check=False, timeout=10).stdout  # noqa: S607
    except OSError:
        memory = ""
    total = re.search(r"Mem:\s+(\d+)", memory)
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores (`nproc`: {os.cpu_count()}), {cpu}, {total.group(1) if total else '?'} GB RAM "
        f"(`free -g`), {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def results_section(results, args):
    saved = {r["size"]: r for r in results}
    for path in sorted(OUT.glob("results-*.json")):
        data = json.loads(path.read_text())
        if data["size"] not in saved and "on" in data.get("modes", {}):
            saved[data["size"]] = data
    ordered = [saved[size] for size in sorted(saved)]
    first = ordered[0]
    load = {**vars(args), **first.get("load", {})}
    lines = [
        "## Reader pages",
        "",
        f"Written by `bench/pages_bench.py` on {datetime.date.today():%d %B %Y}. "
        f"Machine: {machine_description()}. wrk and gunicorn share the 2 cores.",
        "",
        "Command: `make bench SIZES=1000,10000,100000 BENCH_ARGS=--write-results` (each size below names the "
        "command of its run; `--report-only --write-results` rewrites this section from the saved results).",
        "",
        f"Load: `wrk -t{load['threads']} -c{load['connections']} -d{load['duration']}s --timeout={load['timeout']}s "
        f"--latency -H 'Accept-Encoding: gzip'` per page after a {load['warmup']} s warm-up (and after the requests "
        f"the warm-up left queued have finished; if they take over {args.drain_timeout} s the server is restarted); "
        f"server: gunicorn, {load['workers']} sync workers, `DEBUG=false`, settings `bench.settings` (the product's, "
        "over plain HTTP), local-memory page cache with the file-based generation cache (the default without "
        "`REDIS_URL`), psycopg pool. Cache off = `PAGE_CACHE_ENABLED=false`; the server is restarted between modes. "
        "**Floor** = `/__bench__/floor/`: the home page's bytes returned through the whole middleware stack; "
        f"measured ({load['floor_duration']} s) before the first page and after each page, and each page is compared "
        "with the mean of the two floor runs around it (the table's floor row is the mean and range of all). "
        "An error is a socket error (including an answer slower than the timeout) or a non-2xx/3xx answer. "
        "SQL queries: one warm request in-process with the page cache off. gzip bytes: the body of one real request "
        "with `Accept-Encoding: gzip` (* = measured in-process because the real request failed). "
        "*Others' CPU*: the share of the machine's CPU used during the run by processes other than the benchmark's "
        "(gunicorn, wrk, the PostgreSQL backends of its database): other people's work on this shared machine; "
        "figures with a high share are depressed by it.",
        "",
        "### Targets",
        "",
    ]
    for ok, text in target_lines(ordered):
        lines.append(f"- {'—' if ok is None else '✅' if ok else '❌'} {text}")
    for result in ordered:
        counts = ", ".join(f"{n:,} {label.split('.')[1]}" for label, n in result["database"]["by_model"].items())
        lines += [
            "",
            f"### {result['size']:,} readable items",
            "",
            f"Run {result['date']} at commit {result['commit']} (`{result.get('command', args.command)}`); "
            f"{counts}. Other processes used "
            f"{result.get('cpu_busy_before_off', 0):.0%} / {result.get('cpu_busy_before_on', 0):.0%} of the CPU "
            f"just before the cache-off / cache-on runs. Search finds "
            + "; ".join(f"“{word}”: {total:,}" for word, total in result["search_totals"].items() if word != "error")
            + " results.",
            "",
            *page_table(result),
            *startproject_table(result),
        ]
    lines += ["", "### HTTP caching headers (page cache on)", ""]
    for check in ordered[-1]["checks"]:
        lines.append(f"- {'✅' if check['ok'] else '❌'} {check['what']}: {check['detail']}")
    nginx = next((r["nginx"] for r in ordered if r.get("nginx") and "error" not in r["nginx"]), None)
    if nginx:
        lines += [
            "",
            "### nginx proxy_cache in front of the server",
            "",
            f"`bench/nginx/proxy_cache.conf.template`, {args.nginx_workers} nginx workers, no `proxy_cache_valid`: "
            "nginx keeps the page as long as the app's `Cache-Control: public, s-maxage=60` says. "
            f"Page `{nginx['url']}` ({nginx['bytes']:,} gzip bytes), cache status `{nginx['cache_status_after']}`:",
            "",
            "| | req/s | p50 | p99 | errors |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| proxy_cache | {nginx['proxy_cache']['rps']:,.0f} | {fmt_ms(nginx['proxy_cache']['p50_ms'])} | "
            f"{fmt_ms(nginx['proxy_cache']['p99_ms'])} | {nginx['proxy_cache']['errors']} |",
            f"| static file, same bytes | {nginx['static']['rps']:,.0f} | {fmt_ms(nginx['static']['p50_ms'])} | "
            f"{fmt_ms(nginx['static']['p99_ms'])} | {nginx['static']['errors']} |",
            "",
            f"The cached page reaches **{nginx['ratio']:.0%}** of nginx serving a static file "
            f"(and {nginx['proxy_cache']['rps'] / first['floor']['on']['rps']:.1f}× the Django floor).",
        ]
    return "\n".join(lines) + "\n"


def results_write(path, section):
    """Replace the "## Reader pages" section of path (other sections are left as they are);
    a "### Notes" subsection already there is kept."""
    path = Path(path)
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    pattern = re.compile(r"^## Reader pages\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    existing = pattern.search(text)
    if existing:
        notes = re.search(r"^### Notes\n.*", existing.group(0), re.MULTILINE | re.DOTALL)
        if notes:
            section = section.rstrip("\n") + "\n\n" + notes.group(0).rstrip("\n") + "\n"
        text = text[: existing.start()] + section + ("\n" if text[existing.end() :] else "") + text[existing.end() :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


# ---------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="Readable items per database, comma-separated.")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the databases even if they have the size.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per page and mode.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of warm-up load before each measurement.")
    parser.add_argument("--floor-duration", type=int, default=5, help="Seconds of each floor run between pages.")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
    parser.add_argument(
        "--timeout", type=int, default=5, help="wrk's per-request timeout in seconds (an answer later is an error)."
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    parser.add_argument("--nginx-workers", type=int, default=2)
    parser.add_argument("--access-log", action="store_true", help="Give gunicorn an access log (off by default).")
    parser.add_argument("--pages", default="", help="Only these page keys (e.g. home,faq); the floor always runs.")
    parser.add_argument("--skip-nginx", action="store_true")
    parser.add_argument(
        "--skip-startproject", action="store_true", help="Skip the cached pages against Django's own floor."
    )
    parser.add_argument("--prepare-only", action="store_true", help="Only build (or check) the databases.")
    parser.add_argument(
        "--report-only", action="store_true", help="Only print (and write) the report of the saved results."
    )
    parser.add_argument(
        "--drain-timeout", type=int, default=60, help="Seconds to let queued requests finish before restarting."
    )
    parser.add_argument(
        "--quiet-cpu", type=float, default=0.25, help="Before each mode, wait until the CPU is at most this busy."
    )
    parser.add_argument("--quiet-wait", type=int, default=300, help="Longest wait for a quiet CPU, in seconds.")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--populate-timeout", type=int, default=3600, help="Seconds allowed to build one database.")
    parser.add_argument(
        "--write-results",
        nargs="?",
        const=str(REPO / "bench" / "RESULTS.md"),
        default=None,
        metavar="FILE",
        help='Write the "## Reader pages" section of FILE (default bench/RESULTS.md).',
    )
    parser.add_argument(
        "--renders-only", action="store_true", help="Only time each page's uncached render in-process (issue 21)."
    )
    parser.add_argument("--child", choices=["populate", "refresh", "inspect", "renders"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    return args


def collect_static(args):
    log("Collecting static files (hashed and compressed, as WhiteNoise serves them in production)…")
    collect = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--clear", "-v", "0"],
        cwd=REPO,
        env=child_env(args.sizes[0], args, PAGE_CACHE_DIR=str(OUT / "generation-collect")),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if collect.returncode != 0:
        sys.exit(f"collectstatic failed:\n{collect.stderr[-3000:]}")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.child:
        child_main(args.child, args.size)
        return
    if not (VENV_BIN / "gunicorn").exists():
        sys.exit("No .venv: run `make install` first.")
    OUT.mkdir(parents=True, exist_ok=True)
    args.wrk = ensure_debian_package("wrk", "wrk")
    args.nginx_done = False
    args.secret_key = os.environ.get("SECRET_KEY") or __import__("secrets").token_urlsafe(50)
    log(f"Machine: {machine_description()}; load average {load_average()}")
    args.command = " ".join([".venv/bin/python", "bench/pages_bench.py", *sys.argv[1:]])
    if args.report_only:
        saved = [OUT / f"results-{size}.json" for size in args.sizes]
        results = [json.loads(path.read_text()) for path in saved if path.exists()]
        if not results:
            sys.exit(f"No saved results in {OUT} for {args.sizes}.")
        args.command = results[0].get("command", args.command)
        print_report(results)
        if args.write_results:
            results_write(args.write_results, results_section(results, args))
            log(f'Wrote the "## Reader pages" section of {args.write_results}.')
        return
    collect_static(args)  # every step renders pages, and they name the hashed static files
    if args.renders_only:
        renders_main(args)
        return
    if args.prepare_only:
        for size in args.sizes:
            database_ready(size, args)
        return
    results = []
    started = time.monotonic()
    for size in args.sizes:
        results.append(bench_size(size, args))
    print_report(results)
    log(f"\nBenchmark took {(time.monotonic() - started) / 60:.1f} minutes.")
    if args.write_results:
        results_write(args.write_results, results_section(results, args))
        log(f'Wrote the "## Reader pages" section of {args.write_results}.')


if __name__ == "__main__":
    main()
