"""Topic pages stay short: the first ten of each kind, and a full list of the kind, paged to its end."""

import datetime
import html as html_lib
import re

import pytest
from django.utils import timezone

from publishing.models import Status
from publishing.pagination import SHORTLIST_LENGTH
from tests.factories import (
    make_example,
    make_guide,
    make_guides,
    make_question,
    make_stage,
    make_template,
    make_topic,
)
from tests.pagecheck import assert_reader_page_structure, card_links

pytestmark = pytest.mark.django_db


def topic_section(html, heading):
    match = re.search(rf">{heading}</h2>(.*?)</section>", html, re.S)
    return match.group(1) if match else ""


def see_all_link(section_html):
    match = re.search(r'<a class="govuk-link" href="([^"]+)">See all ', section_html)
    return html_lib.unescape(match.group(1)) if match else None


def list_titles(client, url):
    """Every item title on a topic's list of one kind, following its pages to the end."""
    found = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.context["page"]
        found += [item.title for item in page.object_list]
        url = page.pagination.next_url
    return found


def make_kind(kind, count, topic, title="{kind} item {n:02}", **fields):
    """`count` items of one kind on `topic`, made through the models so search indexes them."""
    stage = make_stage("Stage for the items") if kind in ("example", "template") else None
    makers = {
        "guide": lambda title: make_guide(title, topics=[topic], **fields),
        "question": lambda title: make_question(title, topics=[topic], **fields),
        "stage": lambda title: make_stage(title, topics=[topic], **fields),
        "example": lambda title: make_example(title, stage=stage, topics=[topic], **fields),
        "template": lambda title: make_template(title, stage=stage, topics=[topic], **fields),
    }
    return [makers[kind](title.format(kind=kind.capitalize(), n=n)) for n in range(count)]


KINDS = [
    ("guide", "Guidance", "guidance"),
    ("question", "Frequently asked questions", "faq"),
    ("stage", "Toolkit stages", "toolkit-stage"),
    ("example", "Examples and case studies", "worked-example"),
    ("template", "Templates", "template"),
]


@pytest.fixture
def governance():
    """The Governance topic."""
    return make_topic("Governance", slug="governance")


@pytest.mark.parametrize(("kind", "heading", "search_kind"), KINDS, ids=[kind for kind, _, _ in KINDS])
def test_topic_page_shows_the_first_ten_of_a_kind_and_links_to_the_list_of_them_all(
    client, html_of, governance, kind, heading, search_kind
):
    items = make_kind(kind, SHORTLIST_LENGTH + 3, governance)
    html = html_of(client, "/topics/governance/")
    section = topic_section(html, heading)
    assert card_links(section) == [item.get_absolute_url() for item in items[:SHORTLIST_LENGTH]]
    assert f"See all {heading.lower()} about Governance</a>" in section
    assert see_all_link(section) == f"/topics/governance/{search_kind}/"


@pytest.mark.parametrize(("kind", "heading", "search_kind"), KINDS, ids=[kind for kind, _, _ in KINDS])
def test_following_a_topic_see_all_link_finds_every_item_of_that_kind_on_the_topic(
    client, html_of, governance, kind, heading, search_kind
):
    items = make_kind(kind, SHORTLIST_LENGTH + 3, governance)
    # Neither another kind on the topic, nor the same kind on another topic, nor a draft is part of "all".
    other_kind = "question" if kind != "question" else "guide"
    make_kind(other_kind, 2, governance, title="Other kind {n}")
    make_kind(kind, 2, make_topic("HR", slug="hr"), title="Other topic {n}")
    make_kind(kind, 2, governance, title="Draft {n}", status=Status.DRAFT)
    url = see_all_link(topic_section(html_of(client, "/topics/governance/"), heading))
    assert list_titles(client, url) == sorted(item.title for item in items)


def test_topic_page_has_no_see_all_link_when_a_kind_has_exactly_ten(client, html_of, governance):
    items = make_kind("guide", SHORTLIST_LENGTH, governance)
    section = topic_section(html_of(client, "/topics/governance/"), "Guidance")
    assert card_links(section) == [item.get_absolute_url() for item in items]
    assert see_all_link(section) is None


def test_topic_page_links_to_the_full_list_only_for_the_kinds_that_have_more_than_ten(client, html_of, governance):
    make_kind("guide", SHORTLIST_LENGTH + 1, governance)
    make_kind("question", 2, governance)
    html = html_of(client, "/topics/governance/")
    assert see_all_link(topic_section(html, "Guidance")) == "/topics/governance/guidance/"
    assert see_all_link(topic_section(html, "Frequently asked questions")) is None
    assert html.count("See all ") == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"status": Status.WITHDRAWN},
        {"status": Status.PUBLISHED, "publish_at": timezone.now() + datetime.timedelta(days=1)},
    ],
    ids=["draft", "in review", "withdrawn", "scheduled"],
)
def test_topic_page_neither_lists_nor_counts_what_readers_cannot_see(client, html_of, governance, fields):
    make_kind("guide", SHORTLIST_LENGTH, governance)
    make_kind("guide", 3, governance, title="Hidden guide {n}", position=0, **fields)
    section = topic_section(html_of(client, "/topics/governance/"), "Guidance")
    assert "Hidden guide" not in section
    assert len(card_links(section)) == SHORTLIST_LENGTH and see_all_link(section) is None


def test_topic_page_with_long_lists_of_every_kind_is_a_well_formed_reader_page(client, html_of, governance):
    for kind, _, _ in KINDS:
        make_kind(kind, SHORTLIST_LENGTH + 1, governance)
    html = html_of(client, "/topics/governance/")
    assert_reader_page_structure(html, title_prefix="Governance")
    assert len(card_links(html)) == len(KINDS) * SHORTLIST_LENGTH
    assert html.count("See all ") == len(KINDS)


def test_a_topics_full_list_pages_to_its_end_past_search_s_result_cap(client, html_of, governance):
    # Search offers at most 100 results of a query matching more than 400; this list has no such cap.
    guides = make_guides(130, topics=[governance])
    url = "/topics/governance/guidance/"
    assert list_titles(client, url) == sorted(guide.title for guide in guides)
    last = html_of(client, f"{url}?page=3")
    assert "Showing 101 to 130 of 130 pages, page 3 of 3." in last
    assert_reader_page_structure(last, title_prefix="Guidance about Governance")


def test_a_topics_full_list_runs_the_same_queries_however_long_it_is(client, governance, django_assert_max_num_queries):
    make_guides(60, topics=[governance])
    with django_assert_max_num_queries(8) as few:
        assert client.get("/topics/governance/guidance/?page=2").status_code == 200
    make_guides(200, topics=[governance])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/topics/governance/guidance/?page=4").status_code == 200


@pytest.mark.parametrize("url", ["/topics/governance/no-such-kind/", "/topics/no-such-topic/guidance/"])
def test_a_full_list_of_an_unknown_kind_or_topic_is_not_found(client, governance, url):
    assert client.get(url).status_code == 404
