"""Long reader lists stay bounded: the paging helpers, the paged FAQ, and the topic page's shortlists."""

import datetime
import html as html_lib
import re

import pytest
from django.utils import timezone

from faq.models import Question
from faq.views import QUESTIONS_PER_PAGE
from publishing.models import Status
from publishing.pagination import SHORTLIST_LENGTH, page_of, page_url, pagination_for, shortlist
from tests.factories import (
    make_category,
    make_example,
    make_guide,
    make_question,
    make_questions,
    make_stage,
    make_template,
    make_topic,
)
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db

FAQ = "/faq/"


def card_links(html):
    """The addresses of the items listed as cards, in page order."""
    return re.findall(r'<li class="app-card-list__item">\s*<h\d [^>]*><a class="govuk-link" href="([^"]+)">', html)


def pagination_nav(html, label):
    match = re.search(rf'<nav class="govuk-pagination" aria-label="{label}">(.*?)</nav>', html, re.S)
    return match.group(1) if match else None


def nav_links(nav):
    return [html_lib.unescape(href) for href in re.findall(r'href="([^"]+)"', nav)]


@pytest.fixture
def two_categories():
    """105 questions (three pages): 60 in "Costs" then 45 in "People"."""
    costs = make_category(title="Costs", slug="costs", position=1)
    people = make_category(title="People", slug="people", position=2)
    questions = make_questions(60, category=costs) + make_questions(45, category=people)
    return costs, people, [question.get_absolute_url() for question in questions]


# The paging helpers


def test_page_url_has_no_page_number_for_the_first_page():
    assert page_url("/faq/", [], 1) == "/faq/"
    assert page_url("/toolkit/templates/", [("stage", "vision")], 1) == "/toolkit/templates/?stage=vision"


def test_page_url_keeps_the_given_params_in_order_and_adds_the_page_after_them():
    url = page_url("/toolkit/templates/", [("stage", "vision"), ("stage", "design"), ("format", "odt")], 3)
    assert url == "/toolkit/templates/?stage=vision&stage=design&format=odt&page=3"


def test_page_url_encodes_param_values():
    assert page_url("/x/", [("stage", "a b&c")], 2) == "/x/?stage=a+b%26c&page=2"


def test_pagination_for_a_single_page_has_no_links():
    pagination = pagination_for(1, 1, lambda number: f"/p{number}")
    assert (pagination.items, pagination.previous_url, pagination.next_url) == ([], "", "")


def test_pagination_for_a_middle_page_links_both_ways_and_marks_the_current_page():
    pagination = pagination_for(2, 3, lambda number: f"/p{number}")
    assert pagination.previous_url == "/p1" and pagination.next_url == "/p3"
    assert pagination.items == [
        {"number": 1, "url": "/p1", "current": False},
        {"number": 2, "url": "/p2", "current": True},
        {"number": 3, "url": "/p3", "current": False},
    ]


def test_pagination_for_the_first_and_last_pages_link_only_onwards_and_back():
    first = pagination_for(1, 3, lambda number: f"/p{number}")
    last = pagination_for(3, 3, lambda number: f"/p{number}")
    assert (first.previous_url, first.next_url) == ("", "/p2")
    assert (last.previous_url, last.next_url) == ("/p2", "")


def test_page_of_a_queryset_holds_that_page_of_rows_and_its_links():
    questions = make_questions(25)
    page = page_of(Question.objects.order_by("position"), "2", 10, url_for=lambda number: f"/p{number}")
    assert [question.pk for question in page.object_list] == [question.pk for question in questions[10:20]]
    assert page.pagination.previous_url == "/p1" and page.pagination.next_url == "/p3"


@pytest.mark.parametrize("requested", ["abc", "", None, "2.5", "1e1", "%00"])
def test_page_of_takes_a_page_number_that_is_not_a_whole_number_as_the_first_page(requested):
    page = page_of(list(range(25)), requested, 10, url_for=str)
    assert page.number == 1 and list(page.object_list) == list(range(10))


@pytest.mark.parametrize("requested", ["4", "99999", "9" * 400])
def test_page_of_takes_a_page_number_past_the_end_as_the_last_page(requested):
    page = page_of(list(range(25)), requested, 10, url_for=str)
    assert page.number == 3 and list(page.object_list) == [20, 21, 22, 23, 24]


def test_page_of_an_empty_list_is_one_empty_page_without_links():
    page = page_of([], "3", 10, url_for=str)
    assert page.number == 1 and list(page.object_list) == []
    assert page.pagination.items == []


def test_shortlist_of_more_than_the_limit_shows_the_first_few_and_says_there_are_more(django_assert_num_queries):
    questions = make_questions(SHORTLIST_LENGTH + 1)
    with django_assert_num_queries(1):
        listed = shortlist(Question.objects.order_by("position"), SHORTLIST_LENGTH)
    assert [question.pk for question in listed] == [question.pk for question in questions[:SHORTLIST_LENGTH]]
    assert len(listed) == SHORTLIST_LENGTH and listed.more


def test_shortlist_of_exactly_the_limit_shows_them_all_and_says_there_are_no_more():
    make_questions(SHORTLIST_LENGTH)
    listed = shortlist(Question.objects.all(), SHORTLIST_LENGTH)
    assert len(listed) == SHORTLIST_LENGTH and not listed.more


def test_empty_shortlist_is_false():
    listed = shortlist(Question.objects.none(), SHORTLIST_LENGTH)
    assert not listed and not listed.more and list(listed) == []


# The FAQ, a page at a time


def test_faq_pages_list_every_question_once_in_order(client, html_of, two_categories):
    _, _, in_order = two_categories
    pages = [card_links(html_of(client, f"{FAQ}?page={number}")) for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [QUESTIONS_PER_PAGE, QUESTIONS_PER_PAGE, 5]
    assert pages[0] + pages[1] + pages[2] == in_order


def test_faq_second_page_heads_the_category_running_on_from_the_first_page_again(client, html_of, two_categories):
    _, _, in_order = two_categories
    html = html_of(client, f"{FAQ}?page=2")
    assert '<h2 class="govuk-heading-l" id="costs">Costs</h2>' in html
    assert '<h2 class="govuk-heading-l" id="people">People</h2>' in html
    # The 51st question is the 51st of the 60 in Costs.
    assert html.index('id="costs"') < html.index(f'href="{in_order[50]}"') < html.index('id="people"')
    assert '<a class="govuk-link" href="#costs">Costs</a>' in html and '<a class="govuk-link" href="#people">' in html


def test_faq_pages_only_head_the_categories_they_show(client, html_of, two_categories):
    first, last = html_of(client, FAQ), html_of(client, f"{FAQ}?page=3")
    assert 'id="costs"' in first and 'id="people"' not in first
    assert 'id="people"' in last and 'id="costs"' not in last


def test_faq_says_which_questions_each_page_shows(client, html_of, two_categories):
    assert "Showing 1 to 50 of 105 questions, page 1 of 3." in html_of(client, FAQ)
    assert "Showing 51 to 100 of 105 questions, page 2 of 3." in html_of(client, f"{FAQ}?page=2")
    assert "Showing 101 to 105 of 105 questions, page 3 of 3." in html_of(client, f"{FAQ}?page=3")


def test_faq_pagination_links_to_the_pages_either_side(client, html_of, two_categories):
    html = html_of(client, f"{FAQ}?page=2")
    nav = pagination_nav(html, "Question pages")
    assert 'href="/faq/" rel="prev"' in nav and 'href="/faq/?page=3" rel="next"' in nav
    assert 'href="/faq/?page=2" aria-label="Page 2" aria-current="page"' in nav


def test_faq_first_and_last_pages_have_no_link_beyond_them(client, html_of, two_categories):
    first = pagination_nav(html_of(client, FAQ), "Question pages")
    last = pagination_nav(html_of(client, f"{FAQ}?page=3"), "Question pages")
    assert 'rel="prev"' not in first and 'href="/faq/?page=2" rel="next"' in first
    assert 'rel="next"' not in last and 'href="/faq/?page=2" rel="prev"' in last


@pytest.mark.parametrize("page", ["1", "2", "3"])
def test_faq_pages_are_well_formed_reader_pages(client, html_of, two_categories, page):
    assert_reader_page_structure(html_of(client, f"{FAQ}?page={page}"), title_prefix="Frequently asked questions")


def test_faq_that_fits_on_one_page_has_no_pagination_or_page_range(client, html_of):
    make_questions(QUESTIONS_PER_PAGE)
    html = html_of(client, FAQ)
    assert len(card_links(html)) == QUESTIONS_PER_PAGE
    assert "govuk-pagination" not in html and "Showing " not in html


def test_faq_one_question_over_a_page_starts_a_second_page(client, html_of):
    make_questions(QUESTIONS_PER_PAGE + 1)
    html = html_of(client, f"{FAQ}?page=2")
    assert len(card_links(html)) == 1
    assert "Showing 51 to 51 of 51 questions, page 2 of 2." in html


@pytest.mark.parametrize("page", ["abc", "", "2.5", "%00", "1e3", "two"])
def test_faq_page_number_that_is_not_a_whole_number_shows_the_first_page(client, html_of, two_categories, page):
    _, _, in_order = two_categories
    html = html_of(client, f"{FAQ}?page={page}")
    assert card_links(html) == in_order[:QUESTIONS_PER_PAGE]
    assert "page 1 of 3." in html


@pytest.mark.parametrize("page", ["4", "99999", "9" * 400])
def test_faq_page_number_past_the_end_shows_the_last_page(client, html_of, two_categories, page):
    _, _, in_order = two_categories
    html = html_of(client, f"{FAQ}?page={page}")
    assert card_links(html) == in_order[100:]
    assert "page 3 of 3." in html


@pytest.mark.parametrize("page", ["0", "-1"])
def test_faq_page_zero_or_below_shows_the_first_page_as_search_does(client, html_of, two_categories, page):
    _, _, in_order = two_categories
    assert card_links(html_of(client, f"{FAQ}?page={page}")) == in_order[:QUESTIONS_PER_PAGE]


@pytest.mark.parametrize("page", ["0", "-1"])
def test_faq_page_zero_or_below_has_clean_page_links(client, html_of, two_categories, page):
    html = html_of(client, f"{FAQ}?page={page}")
    assert len(card_links(html)) == QUESTIONS_PER_PAGE
    assert set(nav_links(pagination_nav(html, "Question pages"))) <= {"/faq/", "/faq/?page=2", "/faq/?page=3"}


def test_faq_page_links_carry_nothing_the_reader_typed_but_the_page(client, html_of, two_categories):
    html = html_of(client, f"{FAQ}?page=2&category=people&q=%3Cscript%3E&utm_source=mail&page_size=500")
    links = nav_links(pagination_nav(html, "Question pages"))
    assert links and set(links) == {"/faq/", "/faq/?page=2", "/faq/?page=3"}
    assert "utm_source" not in html and "page_size" not in html and "<script>" not in html
    assert len(card_links(html)) == QUESTIONS_PER_PAGE


def test_faq_order_of_tied_questions_is_the_same_on_every_request(client, html_of):
    category = make_category(slug="tied")
    questions = make_questions(60, category=category, title="Same title?", position=0)
    first = [card_links(html_of(client, f"{FAQ}?page={number}")) for number in (1, 2)]
    again = [card_links(html_of(client, f"{FAQ}?page={number}")) for number in (1, 2)]
    assert first == again
    assert first[0] + first[1] == [question.get_absolute_url() for question in questions]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT, "publish_at": None},
        {"status": Status.IN_REVIEW, "publish_at": None},
        {"status": Status.WITHDRAWN},
        {"status": Status.PUBLISHED, "publish_at": timezone.now() + datetime.timedelta(days=1)},
    ],
    ids=["draft", "in review", "withdrawn", "scheduled"],
)
def test_faq_pages_never_list_or_count_questions_readers_cannot_see(client, html_of, fields):
    category = make_category(slug="visible")
    make_questions(QUESTIONS_PER_PAGE, category=category)
    hidden = make_category(slug="hidden")
    make_questions(5, category=hidden, title="Hidden question {n}?", **fields)
    html = html_of(client, FAQ)
    assert "Hidden question" not in html and 'id="hidden"' not in html
    assert "govuk-pagination" not in html and "Straight answers to the 50 questions" in html


def test_faq_pages_never_list_a_pending_draft_of_a_live_question(client, html_of):
    category = make_category(slug="live")
    live = make_questions(QUESTIONS_PER_PAGE, category=category)
    Question.objects.create(
        title="Pending edit?", slug=live[0].slug, summary="Edited.", category=category, draft_of=live[0]
    )
    html = html_of(client, FAQ)
    assert "Pending edit?" not in html and "govuk-pagination" not in html


# Topic pages: the first few of each kind, and a search for the rest


def topic_section(html, heading):
    match = re.search(rf">{heading}</h2>(.*?)</section>", html, re.S)
    return match.group(1) if match else ""


def see_all_link(section_html):
    match = re.search(r'<a class="govuk-link" href="([^"]+)">See all ', section_html)
    return html_lib.unescape(match.group(1)) if match else None


def search_titles(client, url):
    """Every result title from a search address, following its pages to the end."""
    found = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        outcome = response.context["outcome"]
        found += [result.entry.title for result in outcome.results]
        url = outcome.pagination.next_url
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
def test_topic_page_shows_the_first_ten_of_a_kind_and_links_to_a_search_for_them_all(
    client, html_of, governance, kind, heading, search_kind
):
    items = make_kind(kind, SHORTLIST_LENGTH + 3, governance)
    html = html_of(client, "/topics/governance/")
    section = topic_section(html, heading)
    assert card_links(section) == [item.get_absolute_url() for item in items[:SHORTLIST_LENGTH]]
    assert f"See all {heading.lower()} about Governance</a>" in section
    assert see_all_link(section) == f"/search/?kind={search_kind}&topic=governance"


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
    assert sorted(search_titles(client, url)) == sorted(item.title for item in items)


def test_topic_page_has_no_see_all_link_when_a_kind_has_exactly_ten(client, html_of, governance):
    items = make_kind("guide", SHORTLIST_LENGTH, governance)
    section = topic_section(html_of(client, "/topics/governance/"), "Guidance")
    assert card_links(section) == [item.get_absolute_url() for item in items]
    assert see_all_link(section) is None


def test_topic_page_links_to_a_search_only_for_the_kinds_that_have_more_than_ten(client, html_of, governance):
    make_kind("guide", SHORTLIST_LENGTH + 1, governance)
    make_kind("question", 2, governance)
    html = html_of(client, "/topics/governance/")
    assert see_all_link(topic_section(html, "Guidance")) == "/search/?kind=guidance&topic=governance"
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
