"""PostgreSQL, when a query matches more than can be counted and ranked exactly in time: estimated
counts shown as "about", exact ranking over a bounded pool of candidates, and only its pages offered.
The limits are lowered here so that a few dozen items stand for a hundred thousand."""

import pytest

from search.backends import postgres
from tests.factories import make_guide, make_question, make_topic
from tests.search.helpers import postgres_only, titles

pytestmark = [pytest.mark.django_db, postgres_only]


@pytest.fixture
def small_limits(monkeypatch):
    """Exact up to 5 matches; pools of 12 candidates from each source."""
    monkeypatch.setattr(postgres, "EXACT_LIMIT", 5)
    monkeypatch.setattr(postgres, "POOL_SIZE", 12)


@pytest.fixture
def many(no_synonyms, small_limits):
    """40 pages about pensions (newest have the highest numbers), and an old page titled just 'Pensions'."""
    hr = make_topic("HR")
    make_question("Pensions", summary="The basics.", body="pensions", updated_days_ago=900)
    for number in range(40):
        make_guide(f"Guide {number:02d}", body="Rules on pensions.", updated_days_ago=400 - number, topics=[hr])
    make_question("Only for providers", body="pensions", audience="providers", updated_days_ago=500)


def test_counts_are_estimates_and_say_so(search, many):
    response, outcome = search("pensions")
    assert outcome.approximate and not outcome.exact_total
    assert outcome.total == 42
    html = response.content.decode()
    assert "About 42 results for" in html
    assert "(about 40<span" in html


def test_a_title_equal_to_the_query_comes_first_however_old(search, many):
    _, outcome = search("pensions")
    assert titles(outcome)[0] == "Pensions"
    # Then the most recent matches, ranked exactly among themselves.
    assert titles(outcome)[1:4] == ["Guide 39", "Guide 38", "Guide 37"]


def test_only_the_pool_is_paged_and_readers_are_told(search, many):
    response, outcome = search("pensions", page="999")
    assert outcome.capped and outcome.pages == 1 and outcome.page == 1
    assert "Only the first 10 results can be shown" in response.content.decode()


def test_filters_that_narrow_it_down_give_an_exact_total(search, many):
    _, outcome = search("pensions", audience="providers", kind="faq")
    assert outcome.total == 2 and outcome.exact_total
    assert sorted(titles(outcome)) == ["Only for providers", "Pensions"]


def test_a_phrase_that_matches_little_is_counted_exactly(search, many):
    make_guide("Pension age", body="The state pension age is rising.")
    _, outcome = search('"state pension age"')
    assert not outcome.approximate
    assert titles(outcome) == ["Pension age"]


def test_browsing_by_filter_alone_lists_newest_first(search, many):
    _, outcome = search("", kind="guidance")
    assert outcome.approximate
    assert titles(outcome)[:2] == ["Guide 39", "Guide 38"]


def test_a_query_under_the_limit_is_exact(search, many):
    _, outcome = search("providers")
    assert not outcome.approximate and outcome.total == 1


@pytest.mark.parametrize("read_cost", [0.0, 1e9], ids=["walking-the-date-index", "sorting-gin-matches"])
@pytest.mark.parametrize("title_read_cost", [0.0, 1e9], ids=["titles-walked", "titles-sorted"])
def test_both_ways_of_finding_recent_matches_and_titles_give_the_same_page(
    search, many, monkeypatch, read_cost, title_read_cost
):
    monkeypatch.setattr(postgres, "VECTOR_READ_COST", read_cost)
    monkeypatch.setattr(postgres, "TITLE_READ_COST", title_read_cost)
    make_guide("Pensions rules 01", body="Rules on pensions.", updated_days_ago=1000)
    make_guide("Pensions rules 02", body="Rules on pensions.", updated_days_ago=1001, audience="providers")
    _, outcome = search("pensions")
    assert titles(outcome)[:6] == [
        "Pensions",
        "Pensions rules 01",
        "Pensions rules 02",
        "Guide 39",
        "Guide 38",
        "Guide 37",
    ]
    _, filtered = search("pensions", kind="guidance")
    assert titles(filtered)[:4] == ["Pensions rules 01", "Pensions rules 02", "Guide 39", "Guide 38"]
    _, on_hr = search("pensions", topic="hr")
    assert titles(on_hr)[:3] == ["Guide 39", "Guide 38", "Guide 37"]


def test_the_titles_holding_the_query_are_sorted_when_few_hold_it_and_walked_in_date_order_when_many_do():
    rows = 100_000
    assert not postgres.walk_is_cheaper(0.004, 0.004, rows, postgres.TITLE_POOL_SIZE, postgres.TITLE_READ_COST)
    assert postgres.walk_is_cheaper(0.09, 0.09, rows, postgres.TITLE_POOL_SIZE, postgres.TITLE_READ_COST)
    # Filters the GIN index cannot apply make sorting every title match cost more than walking to the few kept.
    assert postgres.walk_is_cheaper(0.01, 0.09, rows, postgres.TITLE_POOL_SIZE, postgres.TITLE_READ_COST)


def test_excluded_words_still_apply_to_the_pool(search, many):
    make_guide("Guide 99", body="Rules on pensions and leave.", updated_days_ago=1)
    _, outcome = search("pensions -leave")
    assert "Guide 99" not in titles(outcome)


def test_a_page_the_query_names_by_one_of_its_search_phrases_comes_first_however_old(search, many):
    # Old, and its title holds neither word: only the pages the query names bring it into the pool.
    make_question(
        "Retirement", summary="Leaving work.", body="When to retire.", search_keywords="pension rules",
        updated_days_ago=2000,
    )  # fmt: skip
    _, outcome = search("pension rules")
    assert outcome.capped
    assert titles(outcome)[0] == "Retirement"
