"""API answers are cached like pages, with ETags and 304s, and each client is rate-limited."""

import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories import make_guide

pytestmark = pytest.mark.django_db


def test_answers_carry_etags_and_are_served_from_the_page_cache(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    for alias in ("default", "generation"):
        caches[alias].clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_guide("Joining a cluster")
    client = Client()
    first = client.get("/api/v1/items/")
    assert first["X-Page-Cache"] == "miss" and first.has_header("ETag")
    again = client.get("/api/v1/items/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        make_guide("Another guide")
    fresh = client.get("/api/v1/items/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and b"Another guide" in fresh.content


def test_a_client_over_the_rate_is_told_to_wait_and_others_are_not(client, settings):
    settings.API_RATE_LIMIT = "3/minute"
    statuses = [client.get("/api/v1/kinds/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/kinds/")
    assert "throttled" in refused.json()["detail"] and refused.has_header("Retry-After")
    assert client.get("/api/v1/kinds/", REMOTE_ADDR="192.0.2.9").status_code == 200


def test_the_same_address_gives_json_whatever_the_client_accepts(client):
    response = client.get("/api/v1/kinds/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_the_schema_and_the_documentation_are_served_from_stable_addresses(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/items/", "/api/v1/items/{kind}/{slug}/", "/api/v1/search/"} <= set(schema["paths"])
    docs = client.get("/api/").content.decode()
    assert "swagger-ui-bundle.js" in docs and "<style" not in docs and "<script>" not in docs
