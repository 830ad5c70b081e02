"""The home page routes readers: audiences, toolkit, FAQ, search, topics and the latest updates."""

import datetime
import re

import pytest
from django.utils import timezone

from publishing.models import Status
from sharedservices.selectors import latest_updates
from tests.factories import make_change_note, make_guide, make_question, make_stage, make_template, make_topic
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db


def test_home_page_is_a_well_formed_reader_page(client, html_of):
    assert_reader_page_structure(html_of(client, "/"), title_prefix="Home")


def test_home_page_routes_providers_and_customers_to_their_guidance(client, html_of):
    html = html_of(client, "/")
    assert 'href="/guidance/customers/">Guidance for customers</a>' in html
    assert 'href="/guidance/providers/">Guidance for providers</a>' in html


def test_home_page_offers_search_the_faq_and_the_topics(client, html_of):
    make_topic("Procurement", slug="procurement")
    html = html_of(client, "/")
    assert 'id="home-search-q"' in html
    assert 'href="/faq/">See all frequently asked questions</a>' in html
    assert 'href="/topics/procurement/">Procurement</a>' in html


def test_home_page_links_to_the_toolkit(client, html_of):
    assert 'href="/toolkit/">Use the vision to operation toolkit</a>' in html_of(client, "/")


def test_home_page_lists_up_to_six_featured_questions_in_editor_order(client, html_of):
    for position in range(8, 0, -1):
        make_question(f"Featured question {position}?", featured=True, position=position)
    make_question("Ordinary question?")
    make_question("Featured draft?", featured=True, status=Status.DRAFT)
    html = html_of(client, "/")
    shown = re.findall(r">(Featured question \d)\?</a>", html)
    assert shown == [f"Featured question {n}" for n in range(1, 7)]
    assert "Ordinary question?" not in html
    assert "Featured draft?" not in html


def test_home_page_lists_featured_questions_but_not_drafts(client, html_of):
    make_question(title="Featured and published?", featured=True)
    make_question(title="Featured draft?", featured=True, status=Status.DRAFT)
    make_question(title="Not featured?")
    html = html_of(client, "/")
    assert "Featured and published?" in html
    assert "Featured draft?" not in html and "Not featured?" not in html


def test_latest_updates_show_the_five_newest_change_notes_with_title_date_and_note(client, html_of):
    for days_ago in range(7):
        guide = make_guide(f"Guide changed {days_ago} days ago")
        make_change_note(guide, f"Change made {days_ago} days ago.", days_ago=days_ago)
    html = html_of(client, "/")
    updates = html.split('id="updates-heading"', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r"Change made (\d) days ago\.", updates) == ["0", "1", "2", "3", "4"]
    assert "Guide changed 0 days ago</a>" in updates
    assert re.search(r'<time datetime="[^"]+">\d{1,2} \w+ \d{4}</time>', updates)


def test_latest_updates_span_content_types(client, html_of):
    make_change_note(make_guide("A new guide"), "Added guidance.", days_ago=0)
    make_change_note(make_question("A new question?"), "Added an answer.", days_ago=0)
    make_change_note(make_stage("A new stage"), "Added a stage.", days_ago=0)
    updates = html_of(client, "/").split('id="updates-heading"', 1)[1].split("</ol>", 1)[0]
    for text in (
        "A new guide",
        "A new question?",
        "A new stage",
        "Added guidance.",
        "Added an answer.",
        "Added a stage.",
    ):
        assert text in updates


def test_latest_updates_skip_notes_of_items_readers_cannot_see_and_still_show_five(client, html_of):
    for number in range(5):
        make_change_note(make_guide(f"Visible {number}"), "Visible change.", days_ago=2)
    for status in (Status.DRAFT, Status.WITHDRAWN, Status.IN_REVIEW):
        make_change_note(make_guide(f"Hidden {status}", status=status), "Hidden change.", days_ago=0)
    updates = html_of(client, "/").split('id="updates-heading"', 1)[1].split("</ol>", 1)[0]
    assert updates.count("Visible change.") == 5
    assert "Hidden" not in updates


def test_latest_updates_reach_past_many_newer_notes_of_items_readers_cannot_see(django_assert_max_num_queries):
    for number in range(5):
        make_change_note(make_guide(f"Visible {number}"), f"Visible change {number}.", days_ago=10 + number)
    hidden = make_guide("Hidden", status=Status.WITHDRAWN)
    for hours in range(45):  # more than two batches of newer notes, none of them readable
        make_change_note(hidden, f"Hidden change {hours}.", days_ago=0)
    with django_assert_max_num_queries(3 * 2 + 1):
        updates = latest_updates(batch=20)
    assert [update["note"] for update in updates] == [f"Visible change {n}." for n in range(5)]


def test_home_page_without_updates_leaves_the_section_out(client, html_of):
    assert 'id="updates-heading"' not in html_of(client, "/")


def test_latest_updates_read_the_items_of_every_kind_among_the_notes_in_one_query(django_assert_num_queries):
    items = [make_guide("A guide"), make_question("A question?"), make_stage("A stage"), make_template("A template")]
    for days, item in enumerate(items):
        make_change_note(item, f"{item.title} changed.", days_ago=days)
    latest_updates()  # the content types are looked up once, then kept
    with django_assert_num_queries(2):  # the notes, then their items of every kind
        updates = latest_updates()
    assert [update["note"] for update in updates] == [f"{item.title} changed." for item in items]
    assert [update["item"].get_absolute_url() for update in updates] == [item.get_absolute_url() for item in items]


def test_latest_updates_date_a_change_by_the_uk_calendar(client, html_of):
    # 23:30 UTC on 1 July is 00:30 on 2 July in London: the date readers see is the UK's, on every engine.
    note = make_change_note(make_guide("A summer guide"), "Changed just after midnight.", days_ago=0)
    note.changed_at = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    note.save()
    assert timezone.is_aware(latest_updates()[0]["changed_at"])
    updates = html_of(client, "/").split('id="updates-heading"', 1)[1].split("</ol>", 1)[0]
    assert re.search(r"<time[^>]*>2 July 2026</time>", updates)
