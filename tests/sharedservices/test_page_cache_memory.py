"""With the documented Redis settings, the page cache's memory stays bounded and the generation survives."""

import shutil
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from sharedservices import page_cache
from tests.factories import make_question
from tests.servers import ROOT, free_port

pytestmark = pytest.mark.django_db

CONFIG = ROOT / "deploy" / "redis" / "page-cache.conf"
MAX_MEMORY = 2 * 1024 * 1024


@pytest.fixture
def small_redis(tmp_path, settings, monkeypatch):
    """A private redis-server on a free port with deploy/redis/page-cache.conf and a 2 MB memory limit."""
    port = free_port()
    command = [shutil.which("redis-server") or "redis-server", str(CONFIG), "--port", str(port), "--bind", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--maxmemory", str(MAX_MEMORY), "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    url = f"redis://127.0.0.1:{port}/0"
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "ssg"},
        "generation": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "gen"},
    }
    monkeypatch.setattr(page_cache, "cache_health", page_cache.CacheHealth())
    yield client
    client.close()
    process.terminate()
    process.wait(timeout=10)


def test_the_documented_redis_settings_bound_memory_and_evict_pages_not_the_generation(small_redis):
    assert small_redis.config_get("maxmemory-policy")["maxmemory-policy"] == "volatile-lru"
    for number in range(50):
        make_question(title=f"A question to fill the cache, number {number}, " + "with words " * 12)
    client = Client()
    client.get("/faq/")
    generation = page_cache.current_generation()
    # Every page number is a page of its own (past the end, the last page): far more than 2 MB of them.
    for number in range(2, 90):
        response = client.get("/faq/", {"page": number})
        assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    info = small_redis.info("stats")
    assert info["evicted_keys"] > 0
    assert small_redis.info("memory")["used_memory"] <= MAX_MEMORY * 1.1
    # The generation was never evicted, so every page still cached is still reachable and current.
    assert page_cache.current_generation() == generation
    assert client.get("/faq/", {"page": 89})["X-Page-Cache"] == "hit"
    assert caches["generation"].get(page_cache.GENERATION_KEY) == generation
