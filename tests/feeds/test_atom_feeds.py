"""Atom feeds of major changes, for the whole site, a topic and a kind: valid Atom, with the public change
notes of items readers can see, correct dates and absolute addresses, and never a hidden item."""

import datetime

import feedparser
import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from guidance.models import Guide
from publishing.models import ChangeType
from publishing.workflow import item_publish, item_save_edit, item_submit_for_review
from tests.factories import make_change_note, make_editor, make_guide, make_publisher, make_question, make_topic
from tests.feeds.atom import atom_problems

pytestmark = pytest.mark.django_db

FEEDS = ["/feeds/updates.atom", "/feeds/topics/hr.atom", "/feeds/kinds/guidance.atom", "/feeds/kinds/faq.atom"]


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    return response.content, feedparser.parse(response.content)


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_is_valid_atom(client, hidden_and_live, url):
    document, feed = parsed(client, url)
    assert feed.bozo == 0 and feed.version == "atom10"
    assert atom_problems(document) == []


@pytest.mark.parametrize("url", FEEDS)
def test_no_feed_ever_lists_a_draft_an_item_in_review_a_scheduled_or_a_withdrawn_item(client, hidden_and_live, url):
    _, live, hidden = hidden_and_live
    _, feed = parsed(client, url)
    titles = {entry.title for entry in feed.entries}
    assert titles and titles <= {item.title for item in live}
    assert not titles & {item.title for item in hidden}


def test_the_site_feed_lists_each_major_change_as_its_own_entry_newest_first(client):
    guide = make_guide("Joining a cluster")
    make_change_note(guide, "First published.", days_ago=5)
    make_change_note(guide, "Added the costs of joining.", days_ago=1)
    _, feed = parsed(client, "/feeds/updates.atom")
    assert [entry.summary for entry in feed.entries] == ["Added the costs of joining.", "First published."]
    assert feed.entries[0].id != feed.entries[1].id
    assert feed.entries[0].link == f"http://testserver{guide.get_absolute_url()}"
    newest = guide.change_notes.order_by("-changed_at").first().changed_at
    assert datetime.datetime(*feed.entries[0].updated_parsed[:6], tzinfo=datetime.UTC) == newest.replace(microsecond=0)
    assert feed.feed.updated == feed.entries[0].updated


def test_a_minor_change_never_appears_and_a_published_major_change_does(client, django_capture_on_commit_callbacks):
    editor, publisher = make_editor(), make_publisher()
    guide = make_guide("Joining a cluster")
    make_change_note(guide, "First published.", days_ago=5)
    for change_type, note in ((ChangeType.MINOR, ""), (ChangeType.MAJOR, "Added the costs of joining.")):
        guide.body, guide.change_type, guide.change_note = f"Now a {change_type} change.", change_type, note
        draft, _ = item_save_edit(item=guide, user=editor)
        item_submit_for_review(item=draft, user=editor)
        item_publish(item=draft, user=publisher)
        guide = Guide.objects.get(slug=guide.slug)
    _, feed = parsed(client, "/feeds/updates.atom")
    assert [entry.summary for entry in feed.entries] == ["Added the costs of joining.", "First published."]


def test_a_topic_feed_lists_only_that_topics_items_and_a_kind_feed_only_that_kind(client, hidden_and_live):
    other = make_topic("Finance")
    make_change_note(make_guide("Finance guide", topics=[other]), "First published.")
    _, topic_feed = parsed(client, "/feeds/topics/hr.atom")
    _, kind_feed = parsed(client, "/feeds/kinds/faq.atom")
    assert {entry.title for entry in topic_feed.entries} == {"Live guide", "Live question?"}
    assert {entry.title for entry in kind_feed.entries} == {"Live question?"}


@pytest.mark.parametrize("url", ["/feeds/topics/no-such-topic.atom", "/feeds/kinds/no-such-kind.atom"])
def test_an_unknown_topic_or_kind_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_feed_addresses_follow_the_host_and_scheme_readers_used(client, hidden_and_live):
    response = client.get("/feeds/updates.atom", secure=True, HTTP_HOST="localhost")
    feed = feedparser.parse(response.content)
    assert all(entry.link.startswith("https://localhost/") for entry in feed.entries)
    assert feed.feed.id == "https://localhost/feeds/updates.atom"


def test_pages_link_to_the_feeds_that_match_them(client, hidden_and_live):
    topic, (guide, question), _ = hidden_and_live
    alternate = '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">'
    topic_page = client.get(topic.get_absolute_url()).content.decode()
    assert alternate.format("Updates on Human resources", "/feeds/topics/hr.atom") in topic_page
    guide_page = client.get(guide.get_absolute_url()).content.decode()
    assert alternate.format("Updates to guidance", "/feeds/kinds/guidance.atom") in guide_page
    assert "Get updates" in guide_page and 'href="/feeds/updates.atom"' in guide_page
    faq_list = client.get("/faq/").content.decode()
    assert alternate.format("Updates to frequently asked questions", "/feeds/kinds/faq.atom") in faq_list
    home = client.get("/").content.decode()
    assert alternate.format("All updates to this guidance", "/feeds/updates.atom") in home


def test_feeds_are_cached_like_pages_and_refreshed_by_a_publication(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    for alias in ("default", "generation"):
        caches[alias].clear()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        make_change_note(make_guide("First guide"), "First published.")
    assert client.get("/feeds/updates.atom")["X-Page-Cache"] == "miss"
    cached = client.get("/feeds/updates.atom")
    assert cached["X-Page-Cache"] == "hit" and cached.has_header("ETag")
    with django_capture_on_commit_callbacks(execute=True):
        make_change_note(make_guide("Second guide"), "First published.")
    fresh = client.get("/feeds/updates.atom")
    assert fresh["X-Page-Cache"] == "miss" and b"Second guide" in fresh.content


def test_a_question_published_later_than_now_waits_for_its_time(client):
    future = make_question("Coming soon?", publish_at=timezone.now() + datetime.timedelta(hours=1))
    make_change_note(future, "First published.", days_ago=-1)
    _, feed = parsed(client, "/feeds/updates.atom")
    assert feed.entries == []
