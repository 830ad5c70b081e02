"""A cache hit is answered before the rest of the stack runs, with every header a freshly built page has."""

import os
import time

import pytest
from django.core.cache import caches
from django.middleware.security import SecurityMiddleware
from django.test import Client

from sharedservices import page_cache
from tests.factories import make_question
from tests.servers import REDIS_CACHES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_a_hit_carries_exactly_the_headers_of_the_miss_that_stored_it(encoding):
    make_question()
    client = Client(HTTP_ACCEPT_ENCODING=encoding)
    miss, hit = client.get("/faq/"), client.get("/faq/")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit.status_code == 200 and hit.content == miss.content
    assert {k: v for k, v in hit.items() if k != "X-Page-Cache"} == {
        k: v for k, v in miss.items() if k != "X-Page-Cache"
    }
    for header in SECURITY_HEADERS:
        assert hit[header], header


def test_a_304_from_the_cache_keeps_the_security_headers():
    make_question()
    client = Client()
    miss = client.get("/faq/")
    not_modified = client.get("/faq/", HTTP_IF_NONE_MATCH=miss["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    for header in SECURITY_HEADERS:
        assert not_modified[header] == miss[header], header
    assert not not_modified.has_header("Content-Length")


def test_a_hit_runs_no_other_middleware(monkeypatch):
    make_question()
    Client().get("/faq/")
    calls = []
    original = SecurityMiddleware.process_request

    def counted(self, request):
        calls.append(request.path)
        return original(self, request)

    monkeypatch.setattr(SecurityMiddleware, "process_request", counted)
    assert Client().get("/faq/")["X-Page-Cache"] == "hit"
    assert calls == []
    Client().get("/faq/?page=2")
    assert calls == ["/faq/"]


def test_a_page_is_stored_as_plain_values_not_a_response_object():
    make_question()
    Client().get("/faq/")
    pages = caches["default"]
    (entry,) = [pages.get(key.split(":", 2)[2]) for key in list(pages._cache)]
    address, status, headers, body = entry
    assert (address, status, type(headers), type(body)) == ("/faq/?page=1", 200, dict, bytes)
    assert headers["content-type"] == ("Content-Type", "text/html; charset=utf-8")


def counted_reads(monkeypatch, store):
    reads = []
    for name in ("get", "get_many"):
        original = getattr(store, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            reads.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(store, name, counted)
    return reads


def test_with_redis_a_hit_reads_the_content_generation_once(settings, monkeypatch):
    settings.CACHES = REDIS_CACHES
    for alias in ("default", "generation"):
        caches[alias].clear()
    make_question()
    Client().get("/faq/")
    reads = counted_reads(monkeypatch, caches["generation"])
    assert Client().get("/faq/")["X-Page-Cache"] == "hit"
    assert reads == ["get"]


def test_with_the_file_cache_a_hit_reads_the_generation_file_only_when_it_has_changed(monkeypatch):
    make_question()
    Client().get("/faq/")
    store = caches["generation"]
    written = store._key_to_file(page_cache.GENERATION_KEY)
    # A file written a moment ago is always read; one that has been there a while is trusted while unchanged.
    reads = counted_reads(monkeypatch, store)
    assert Client().get("/faq/")["X-Page-Cache"] == "hit"
    assert reads == ["get"]
    os.utime(written, (time.time() - 1, time.time() - 1))
    Client().get("/faq/")  # read once more: the file's time changed
    reads.clear()
    assert Client().get("/faq/")["X-Page-Cache"] == "hit"
    assert reads == []
    page_cache.content_changed_now()  # another process starts a new generation: a new file
    assert Client().get("/faq/")["X-Page-Cache"] == "miss"
    assert reads == ["get", "get"]  # the new generation, then its next go-live time, once


def test_a_plain_http_request_is_redirected_to_https_not_answered_from_the_cache(settings):
    make_question()
    secure = Client(HTTP_X_FORWARDED_PROTO="https")
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    secure.get("/faq/")
    assert secure.get("/faq/")["X-Page-Cache"] == "hit"
    plain = Client().get("/faq/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_a_page_stored_over_https_is_not_sent_over_plain_http(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    make_question()
    Client(HTTP_X_FORWARDED_PROTO="https").get("/faq/")
    plain = Client().get("/faq/")
    assert plain["X-Page-Cache"] == "miss" and not plain.has_header("Strict-Transport-Security")


def test_a_scheduled_go_live_time_is_kept_with_its_own_generation():
    make_question()
    Client().get("/faq/")
    token, next_due = caches["generation"].get(page_cache.NEXT_DUE_KEY)
    assert token == page_cache.current_generation()["token"] and next_due is None
    page_cache.content_changed_now()
    Client().get("/faq/")
    assert caches["generation"].get(page_cache.NEXT_DUE_KEY)[0] == page_cache.current_generation()["token"] != token


def test_addresses_worked_out_once_are_bounded_and_still_refuse_unknown_parameters(monkeypatch):
    make_question()
    monkeypatch.setattr(page_cache, "ADDRESSES_KEPT", 5)
    page_cache._addresses.clear()
    for number in range(12):
        Client().get("/faq/", {"utm_source": str(number)})
    assert len(page_cache._addresses) <= 5
    assert "X-Page-Cache" not in Client().get("/faq/", {"utm_source": "11"})
    Client().get("/faq/", {"page": "01"})
    assert Client().get("/faq/", {"page": "1"})["X-Page-Cache"] == "hit"
