"""Feedback does not break the page cache: the cached page carries the form, an answer is never cached
and starts no new content generation, and the page goes on being served from the cache to others."""

import pytest
from django.test import Client

from tests.factories import make_guide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_an_answer_leaves_the_cached_page_in_place_for_other_readers(django_capture_on_commit_callbacks):
    page = make_guide("Joining a cluster").get_absolute_url()
    first = Client().get(page)
    assert first["X-Page-Cache"] == "miss" and "Is this page useful?" in first.content.decode()
    reader = Client()
    with django_capture_on_commit_callbacks(execute=True):
        sent = reader.post("/feedback/", {"page": page, "useful": "no"}, HTTP_ORIGIN="http://testserver")
    assert sent.status_code == 303 and "X-Page-Cache" not in sent
    assert not sent.cookies and "no-store" in sent["Cache-Control"]
    again = Client().get(page)
    assert again["X-Page-Cache"] == "hit" and again.content == first.content


def test_the_feedback_steps_are_never_stored_in_the_page_cache():
    client = Client()
    for _ in range(2):
        response = client.get("/feedback/report/", {"page": "/faq/"})
        assert response.status_code == 200 and "X-Page-Cache" not in response
