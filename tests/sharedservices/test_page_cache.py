"""The reader page cache: hits, exact invalidation, what is never cached, and HTTP caching headers."""

import datetime
import gzip

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from directory.models import Milestone
from faq.models import Question
from publishing.models import Status
from publishing.preview import preview_link_create, preview_url
from publishing.workflow import item_publish, item_start_draft, item_submit_for_review, item_withdraw
from sharedservices import page_cache
from tests.factories import (
    DIRECTORY_SOURCE,
    make_cluster,
    make_editor,
    make_organisation,
    make_publisher,
    make_question,
)
from tests.servers import REDIS_CACHES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_second_anonymous_request_is_served_from_the_cache():
    make_question(title="Cached question?")
    client = Client()
    first, second = client.get("/faq/"), client.get("/faq/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert "Cached question?" in second.content.decode()


def test_publishing_invalidates_cached_pages_at_once(django_capture_on_commit_callbacks):
    editor, publisher = make_editor(), make_publisher()
    client = Client()
    client.get("/faq/")
    draft = make_question(status=Status.DRAFT, title="Freshly published?", updated_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        item_submit_for_review(item=draft, user=editor)
        item_publish(item=draft, user=publisher)
    response = client.get("/faq/")
    assert response["X-Page-Cache"] == "miss"
    assert "Freshly published?" in response.content.decode()


def test_withdrawing_invalidates_cached_pages_at_once(django_capture_on_commit_callbacks):
    item = make_question(title="About to go?")
    client = Client()
    assert "About to go?" in client.get("/faq/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        item_withdraw(item=item, user=make_publisher(), reason="Replaced.")
    assert "About to go?" not in client.get("/faq/").content.decode()


def test_a_scheduled_item_appears_when_it_comes_due_without_any_job(monkeypatch, django_capture_on_commit_callbacks):
    due = timezone.now() + datetime.timedelta(minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        make_question(title="Scheduled for later?", publish_at=due)
    client = Client()
    assert "Scheduled for later?" not in client.get("/faq/").content.decode()
    assert client.get("/faq/")["X-Page-Cache"] == "hit"
    # Ten minutes pass: the database's clock and the cache's both move on.
    Question.objects.filter(title="Scheduled for later?").update(
        publish_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    later = due.timestamp() + 1
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    response = client.get("/faq/")
    assert response["X-Page-Cache"] == "miss"
    assert "Scheduled for later?" in response.content.decode()


@pytest.mark.parametrize(
    "path_of", [lambda item: "/admin/", lambda item: preview_url(preview_link_create(item=item, user=None))]
)
def test_admin_and_previews_are_never_cached(path_of):
    item = make_question(status=Status.DRAFT)
    client = Client()
    path = path_of(item)
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)


def test_requests_with_a_session_are_never_served_from_the_cache():
    make_question()
    Client().get("/faq/")
    editor_client = Client()
    editor_client.force_login(make_editor())
    assert "X-Page-Cache" not in editor_client.get("/faq/")


def test_cached_pages_carry_validators_and_answer_conditional_requests_with_304():
    make_question()
    client = Client()
    response = client.get("/faq/")
    assert response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "s-maxage=60" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert client.get("/faq/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get("/faq/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def test_not_found_pages_are_not_cached():
    client = Client()
    client.get("/faq/missing/")
    assert "X-Page-Cache" not in client.get("/faq/missing/")


def test_redis_shares_the_cache_and_the_generation(settings, django_capture_on_commit_callbacks):
    settings.CACHES = REDIS_CACHES
    for alias in ("default", "generation"):
        caches[alias].clear()
    item = make_question(title="In Redis?")
    client = Client()
    client.get("/faq/")
    assert client.get("/faq/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        item_withdraw(item=item, user=make_publisher(), reason="Gone.")
    assert "In Redis?" not in client.get("/faq/").content.decode()
    for alias in ("default", "generation"):
        caches[alias].clear()


def test_a_change_costs_no_queries_however_many_rows_a_transaction_saves(django_assert_num_queries):
    with django_assert_num_queries(0):
        for _ in range(50):
            page_cache.content_changed_now()


def test_a_hit_sends_the_stored_compressed_page_without_compressing_it_again(monkeypatch):
    for number in range(10):
        make_question(title=f"A question long enough to be worth compressing, number {number}")
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate")
    miss = client.get("/faq/")
    assert miss["Content-Encoding"] == "gzip" and miss["X-Page-Cache"] == "miss"

    def compress_not_expected(*args, **kwargs):
        raise AssertionError("a cache hit was compressed again")

    monkeypatch.setattr("django.middleware.gzip.compress_string", compress_not_expected)
    hit = client.get("/faq/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert hit.content == miss.content
    assert gzip.decompress(hit.content).decode().count("A question long enough") >= 10


def test_readers_who_do_not_accept_gzip_get_their_own_uncompressed_copy():
    make_question(title="Plain text please " * 10)
    Client(HTTP_ACCEPT_ENCODING="gzip").get("/faq/")
    plain_client = Client()
    plain_client.get("/faq/")
    hit = plain_client.get("/faq/")
    assert hit["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in hit
    assert "Plain text please" in hit.content.decode()
    assert "Accept-Encoding" in hit["Vary"]


def test_a_conditional_request_answered_from_the_cache_gets_304_and_no_body():
    make_question()
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    first = client.get("/faq/")
    assert client.get("/faq/")["X-Page-Cache"] == "hit"
    not_modified = client.get("/faq/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert client.get("/faq/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get("/faq/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_the_etag_is_the_same_for_every_rendering_of_the_same_content():
    make_question()
    first = Client().get("/faq/")
    caches["default"].clear()  # as if another server rendered the page
    second = Client().get("/faq/")
    assert second["X-Page-Cache"] == "miss"
    assert first["ETag"] == second["ETag"]


DIRECTORY_PAGES = [
    "/directory/",
    "/directory/clusters/unity/",
    "/directory/organisations/ld/",
    "/directory/which-cluster/?organisation=ld",
    "/directory/directory.csv",
    "/directory/directory.json",
]


def test_directory_pages_are_cached_and_a_published_membership_change_refreshes_every_one(
    django_capture_on_commit_callbacks,
):
    lead = make_organisation("Lead Department", abbreviation="LD")
    cluster = make_cluster("Unity", members=[lead])
    client = Client()
    for path in DIRECTORY_PAGES:
        assert client.get(path)["X-Page-Cache"] == "miss", path
        assert client.get(path)["X-Page-Cache"] == "hit", path
    editor, publisher = make_editor(), make_publisher()
    with django_capture_on_commit_callbacks(execute=True):
        draft = item_start_draft(live=cluster, user=editor)
        draft.platform = {"name": "Brand new platform", "date": "2026-11", "sources": [1]}
        draft.save()
        item_submit_for_review(item=draft, user=editor)
        item_publish(item=draft, user=publisher)
    for path in DIRECTORY_PAGES:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        assert "Brand new platform" in response.content.decode(), path


def test_the_timeline_is_refreshed_when_an_editor_adds_a_milestone(django_capture_on_commit_callbacks):
    client = Client()
    client.get("/directory/timeline/")
    with django_capture_on_commit_callbacks(execute=True):
        Milestone.objects.create(date="2027", title="A new milestone", category="report", sources=[DIRECTORY_SOURCE])
    response = client.get("/directory/timeline/")
    assert response["X-Page-Cache"] == "miss" and "A new milestone" in response.content.decode()
