"""Long FAQ lists stay bounded: the FAQ a page at a time, and a question's related questions cut short."""

import datetime
import html as html_lib
import re

import pytest
from django.utils import timezone

from faq.views import QUESTIONS_PER_PAGE
from publishing.models import Status
from publishing.pagination import SHORTLIST_LENGTH
from tests.factories import make_category, make_question, make_questions
from tests.pagecheck import assert_reader_page_structure, card_links, list_after

pytestmark = pytest.mark.django_db

FAQ = "/faq/"


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
    make_question("Pending edit?", category=category, slug=live[0].slug, draft_of=live[0], status=Status.DRAFT)
    html = html_of(client, FAQ)
    assert "Pending edit?" not in html and "govuk-pagination" not in html


# A question's related questions


def test_question_page_lists_at_most_ten_related_questions_in_their_order(client):
    question = make_question("The question?")
    others = [make_question(f"Other {n:02}?", position=n) for n in range(SHORTLIST_LENGTH + 3)]
    question.related.set(others)
    html = client.get(question.get_absolute_url()).content.decode()
    assert list_after(html, "related-questions") == [q.title for q in others[:SHORTLIST_LENGTH]]


def test_a_questions_category_link_lands_on_the_page_that_holds_the_category(client, html_of, two_categories):
    # "People" starts at the 61st question: on the second page of fifty.
    costs, people, in_order = two_categories
    html = html_of(client, in_order[-1])
    assert 'href="/faq/?page=2#people"' in html
    assert 'id="people"' in html_of(client, f"{FAQ}?page=2")
    assert 'href="/faq/#costs"' in html_of(client, in_order[0])
