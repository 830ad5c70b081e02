"""The production topology (scripts/cluster.py, `make cluster`): never stale across a lagging replica.

Slow (it makes a PostgreSQL primary and a streaming replica of its own, then runs nginx and two
app servers against them), so marked `slow`; the whole suite (`make test`, `.ci/run`) runs it.
"""

import threading
import time
import uuid

import pytest

from scripts.cluster import ROOT, Cluster, free_port
from tests.servers import TEST_REDIS_URL, fetch

pytestmark = pytest.mark.slow

REPLICA_DELAY_MS = 3000


@pytest.fixture(scope="module")
def cluster():
    cluster = Cluster(
        ROOT / ".cluster" / "test",
        apps=2,
        workers=1,
        redis_url=TEST_REDIS_URL,
        primary_port=free_port(),
        replica_port=free_port(),
    )
    try:
        cluster.up()
        yield cluster
    finally:
        cluster.down()


def question_on_primary(cluster):
    """(id, slug, title) of a published question, read from the primary."""
    import psycopg

    with psycopg.connect(cluster.primary.url(cluster.database), autocommit=True) as conn:
        return conn.execute(
            "SELECT id, slug, title FROM faq_question WHERE status = 'published' AND draft_of_id IS NULL "
            "AND publish_at <= now() ORDER BY id LIMIT 1"
        ).fetchone()


def title_on_replica(cluster, pk):
    import psycopg

    with psycopg.connect(cluster.replica.url(cluster.database), autocommit=True) as conn:
        return conn.execute("SELECT title FROM faq_question WHERE id = %s", [pk]).fetchone()[0]


def publish_title(cluster, pk, title):
    """Change a published question's title through the primary, as an editor's save does (signals and all)."""
    code = (
        "from faq.models import Question; q = Question.objects.get(pk=%d); q.title = %r; q.save()" % (pk, title)  # noqa: UP031
    )
    cluster.manage("shell", "-c", code)


class Readers:
    """Threads reading one page through the proxy, recording when each read started and what it saw."""

    def __init__(self, url, marker, threads=4):
        self.url, self.marker = url, marker
        self.reads = []
        self.running = True
        self.threads = [threading.Thread(target=self.read, daemon=True) for _ in range(threads)]

    def read(self):
        while self.running:
            started = time.monotonic()
            status, _, body = fetch(self.url, timeout=30)
            self.reads.append((started, status, self.marker.encode() in body))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join(35)


def test_a_publish_is_never_followed_by_a_stale_page_though_the_replica_lags(cluster):
    pk, slug, _ = question_on_primary(cluster)
    url = f"{cluster.url}/faq/{slug}/"
    assert fetch(url)[0] == 200
    cluster.set_replica_delay(REPLICA_DELAY_MS)
    marker = f"Is this the newly published title {uuid.uuid4().hex[:8]}?"
    with Readers(url, marker) as readers:
        time.sleep(1)
        publish_started = time.monotonic()
        publish_title(cluster, pk, marker)
        published_at = time.monotonic()
        replica_title_then = title_on_replica(cluster, pk)
        time.sleep(REPLICA_DELAY_MS / 1000 + 2)
    cluster.set_replica_delay(0)

    # The replica really was behind when the publish returned, so the pages below could have been stale.
    assert replica_title_then != marker
    before = [seen for started, status, seen in readers.reads if started < publish_started]
    after = [(status, seen) for started, status, seen in readers.reads if started >= published_at]
    assert before and not any(before)
    assert len(after) > 20
    assert [read for read in after if read != (200, True)] == []


def test_with_the_primary_stopped_readers_new_pages_are_built_from_the_replica(cluster):
    pk, slug, _ = question_on_primary(cluster)
    marker = f"Is this read from the replica {uuid.uuid4().hex[:8]}?"
    publish_title(cluster, pk, marker)
    deadline = time.monotonic() + 10
    while title_on_replica(cluster, pk) != marker and time.monotonic() < deadline:
        time.sleep(0.1)
    cluster.primary.stop()
    try:
        # The publish started a new generation, so this page is built now: the replica is all there is.
        status, headers, body = fetch(f"{cluster.url}/faq/{slug}/")
    finally:
        cluster.primary.start()
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    assert marker.encode() in body
