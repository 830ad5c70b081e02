"""With the shared cache away, readers are served uncached, the outage is logged once, and recovery is automatic."""

import logging

import pytest
from django.core.cache import caches
from django.test import Client

from publishing.workflow import item_withdraw
from sharedservices import page_cache
from tests.factories import make_publisher, make_question, make_template
from tests.servers import TEST_REDIS_URL, free_port

pytestmark = pytest.mark.django_db


def redis_caches(url):
    return {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": alias,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
        for alias in ("default", "generation")
    }


@pytest.fixture
def cache_health(monkeypatch):
    """A fresh record of the cache's health for this test, and the page cache turned on."""
    health = page_cache.CacheHealth()
    monkeypatch.setattr(page_cache, "cache_health", health)
    return health


@pytest.fixture
def redis_away(settings, cache_health):
    """The page cache on, with REDIS_URL pointing at a port where nothing listens."""
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    return settings


def outage_warnings(caplog):
    return [r for r in caplog.records if r.name == "sharedservices.page_cache" and "not answering" in r.getMessage()]


def test_reader_pages_search_and_downloads_are_served_while_redis_is_away(redis_away, caplog):
    question = make_question(title="Served without the cache?")
    template = make_template("A template", files=["odt"])
    client = Client()
    for url in ["/", "/faq/", f"/faq/{question.slug}/", "/search/?q=served", "/toolkit/templates/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response
    assert "Served without the cache?" in client.get("/faq/").content.decode()
    download = client.get(f"/toolkit/templates/{template.slug}/odt/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content)


def test_the_outage_is_logged_once_not_per_request(redis_away, caplog, monkeypatch):
    make_question()
    caplog.set_level(logging.INFO, logger="sharedservices.page_cache")
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    for _ in range(10):
        Client().get("/faq/")
        clock[0] += page_cache.RETRY_SECONDS + 1  # each request even gets to try the cache again
    assert len(outage_warnings(caplog)) == 1


def test_readiness_reports_the_degradation_but_stays_ready(redis_away):
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "not answering"}


def test_a_change_made_while_redis_is_away_is_never_hidden_by_a_page_cached_before(
    settings, cache_health, django_capture_on_commit_callbacks, monkeypatch
):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = redis_caches(TEST_REDIS_URL)
    for alias in ("default", "generation"):
        caches[alias].clear()
    item = make_question(title="Withdrawn during the outage?")
    client = Client()
    client.get("/faq/")
    assert client.get("/faq/")["X-Page-Cache"] == "hit"

    working = dict(settings.CACHES)
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    with django_capture_on_commit_callbacks(execute=True):
        item_withdraw(item=item, user=make_publisher(), reason="Replaced.")
    assert "Withdrawn during the outage?" not in client.get("/faq/").content.decode()

    settings.CACHES = working  # Redis is back, still holding the page from before the change
    clock = [page_cache.time.monotonic() + page_cache.RETRY_SECONDS + 1]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    response = client.get("/faq/")
    assert "Withdrawn during the outage?" not in response.content.decode()
    assert client.get("/faq/")["X-Page-Cache"] == "hit"
    for alias in ("default", "generation"):
        caches[alias].clear()
