"""Landing pages (sections, the about pages, the tools) are in the index, found by what readers want them for."""

import pytest

from faq.models import Question
from publishing import registry
from publishing.models import Status
from search.indexing import index_rebuild, landing_pages_index
from search.models import SearchEntry
from tests.factories import make_question, make_topic

pytestmark = pytest.mark.django_db


def result_urls(outcome):
    return [result.entry.url for result in outcome.results]


@pytest.fixture
def indexed_landing_pages(db):
    landing_pages_index()


@pytest.fixture
def throwaway_page():
    """A landing page whose words come from the FAQ answers, registered for one test."""
    registry.register_landing_page(
        "home",
        title="Every answer listed",
        summary="A page listing the answers.",
        phrases=("answer list",),
        search_text=lambda: " ".join(Question.objects.published().values_list("title", flat=True)),
        depends_on=(Question,),
    )
    yield registry._registry.landing["home"]
    registry._registry.landing.pop("home")


def test_every_section_landing_page_about_page_and_tool_is_registered():
    urls = {page.get_absolute_url() for page in registry.landing_pages()}
    assert urls >= {
        "/about/",
        "/accessibility/",
        "/privacy/",
        "/guidance/",
        "/guidance/providers/",
        "/guidance/customers/",
        "/toolkit/",
        "/toolkit/templates/",
        "/toolkit/examples/",
        "/faq/",
        "/topics/",
        "/tools/",
        "/tools/readiness/",
        "/tools/savings/",
    }


def test_rebuilding_the_index_adds_every_landing_page_once():
    index_rebuild()
    index_rebuild()
    names = list(SearchEntry.objects.exclude(page_name="").values_list("page_name", flat=True))
    assert sorted(names) == sorted(page.key for page in registry.landing_pages())


def test_a_landing_page_is_found_by_its_purpose_words(search, indexed_landing_pages):
    _, outcome = search("download a template")
    assert result_urls(outcome)[0] == "/toolkit/templates/"
    _, outcome = search("guidance for providers")
    assert result_urls(outcome)[0] == "/guidance/providers/"


def test_a_static_page_is_found_by_the_words_on_it(search, indexed_landing_pages):
    # "JAWS" is only in the accessibility statement's own text, not in anything registered for it.
    _, outcome = search("JAWS")
    assert result_urls(outcome) == ["/accessibility/"]


def test_an_audience_landing_page_carries_its_audience(indexed_landing_pages):
    entry = SearchEntry.objects.get(page_name="guidance:audience:customers")
    assert (entry.url, entry.audience, entry.kind) == ("/guidance/customers/", "customers", "page")


def test_a_landing_page_no_longer_registered_leaves_the_index(indexed_landing_pages):
    SearchEntry.objects.create(
        page_name="gone:page", kind="page", kind_label="Section", url="/gone/", title="Gone", audience="everyone"
    )
    landing_pages_index()
    assert not SearchEntry.objects.filter(page_name="gone:page").exists()


def test_a_landing_page_is_kept_in_step_with_the_content_it_depends_on(search, throwaway_page):
    landing_pages_index(pages=[throwaway_page])
    make_question("Pensions after the move")
    assert "Pensions after the move" in SearchEntry.objects.get(page_name="home").body_text
    question = make_question("Travel bookings", status=Status.PUBLISHED)
    question.status = Status.WITHDRAWN
    question.save()
    assert "Travel bookings" not in SearchEntry.objects.get(page_name="home").body_text


def test_landing_pages_are_not_offered_as_best_bet_pages_in_the_admin(indexed_landing_pages):
    from search.selectors import content_type_choices

    assert all("None" not in value for value, _ in content_type_choices())


def test_each_topic_page_is_indexed_and_kept_in_step_with_the_topic(search):
    topic = make_topic("Pensions", slug="pensions")
    _, outcome = search("everything on pensions")
    assert result_urls(outcome)[0] == "/topics/pensions/"
    topic.title = "Retirement"
    topic.save()
    assert SearchEntry.objects.get(page_name="topics:detail:pensions").title == "Retirement"
    topic.delete()
    assert not SearchEntry.objects.filter(page_name="topics:detail:pensions").exists()
