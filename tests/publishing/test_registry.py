"""The content-kind registry: one registration call plugs a new kind into search, topic pages and the page cache."""

import datetime

import pytest
from django.utils import timezone

from publishing import registry
from publishing.models import Status, Topic
from sharedservices.page_cache import current_generation
from tests.registry_app.models import FieldNote as ThrowawayNote


def note_page(note):
    return {"item": note}


@pytest.fixture
def throwaway_kind(db):
    """Register ThrowawayNote (a test-only app's model) with one call, and take it away afterwards."""
    kind = registry.register(
        ThrowawayNote,
        label="Field note",
        heading="Field notes",
        template="publishing/content_page.html",
        page=note_page,
    )
    yield kind
    registry.unregister(ThrowawayNote)


def publish_note(title, topic):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    note = ThrowawayNote.objects.create(
        title=title,
        slug="zebra-crossings",
        summary="How zebra crossings are shared between councils.",
        body="Quagga is a rare word.",
        status=Status.PUBLISHED,
        publish_at=yesterday,
        first_published_at=yesterday,
    )
    note.topics.add(topic)
    return note


def test_a_registered_kind_is_found_by_search_under_its_label(throwaway_kind, client):
    topic = Topic.objects.create(title="Estates", slug="estates")
    publish_note("Zebra crossings", topic)
    html = client.get("/search/?q=quagga").content.decode()
    assert "Zebra crossings" in html and "/notes/zebra-crossings/" in html
    assert "Field note" in html
    kinds_filter = client.get("/search/?q=quagga&kind=field-note").content.decode()
    assert "Zebra crossings" in kinds_filter


def test_a_registered_kind_has_its_own_group_on_topic_pages(throwaway_kind, client):
    topic = Topic.objects.create(title="Estates", slug="estates")
    publish_note("Zebra crossings", topic)
    html = client.get("/topics/estates/").content.decode()
    assert ">Field notes</h2>" in html
    assert 'href="/notes/zebra-crossings/"' in html


def test_a_change_to_a_registered_kind_starts_a_new_page_cache_generation(
    throwaway_kind, django_capture_on_commit_callbacks
):
    topic = Topic.objects.create(title="Estates", slug="estates")
    before = current_generation()["token"]
    with django_capture_on_commit_callbacks(execute=True):
        note = publish_note("Zebra crossings", topic)
    after_create = current_generation()["token"]
    assert after_create != before
    with django_capture_on_commit_callbacks(execute=True):
        note.title = "Zebra crossings and pelicans"
        note.save()
    assert current_generation()["token"] != after_create


def test_a_registered_kind_is_given_to_the_editors_and_publishers_groups(throwaway_kind):
    grants = {model: (editors, publishers) for model, editors, publishers in registry.permission_grants()}
    assert grants[ThrowawayNote] == (registry.EDITOR_ACTIONS, registry.PUBLISHER_ACTIONS)


def test_unregistering_takes_the_kind_out_of_everything_that_reads_the_registry(throwaway_kind):
    registry.unregister(ThrowawayNote)
    try:
        assert ThrowawayNote not in registry.content_models()
        assert ThrowawayNote not in registry.cached_models()
        assert registry.kind_for(ThrowawayNote) is None
    finally:
        registry.register(ThrowawayNote, label="Field note", heading="Field notes", template="x.html", page=note_page)


def test_only_published_content_can_be_registered_as_a_kind():
    with pytest.raises(TypeError, match="not published content"):
        registry.register(Topic, label="Topic", heading="Topics", template="x.html", page=note_page)


def test_a_kind_cannot_be_registered_twice():
    from faq.models import Question

    with pytest.raises(ValueError, match="already registered"):
        registry.register(Question, label="FAQ", heading="FAQ", template="x.html", page=note_page)
