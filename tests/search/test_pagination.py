"""Ten results a page, GOV.UK pagination, and every odd page number handled."""

import pytest

from tests.factories import make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(no_synonyms):
    """23 pages about pensions, newest first by number."""
    for number in range(23):
        make_question(f"Pension question {number:02d}", summary="Pension.", updated_days_ago=number + 1)


def test_ten_results_a_page(search, many):
    _, first = search("pension")
    _, third = search("pension", page="3")
    assert len(first.results) == 10 and len(third.results) == 3
    assert first.pages == 3 and first.total == 23


def test_pages_do_not_overlap_and_cover_every_result(search, many):
    seen = []
    for page in ("1", "2", "3"):
        seen += [result.entry.pk for result in search("pension", page=page)[1].results]
    assert len(seen) == len(set(seen)) == 23


@pytest.mark.parametrize(("page", "shown"), [("0", 1), ("-1", 1), ("abc", 1), ("", 1), ("2.5", 1), ("1e3", 1)])
def test_a_page_number_that_is_not_a_positive_whole_number_shows_the_first_page(search, many, page, shown):
    _, outcome = search("pension", page=page)
    assert outcome.page == shown and len(outcome.results) == 10


@pytest.mark.parametrize("page", ["4", "999999", "99999999999999999999"])
def test_a_page_past_the_end_shows_the_last_page(search, many, page):
    _, outcome = search("pension", page=page)
    assert outcome.page == 3 and len(outcome.results) == 3


def test_govuk_pagination_links(search, many):
    response, _ = search("pension", page="2")
    html = response.content.decode()
    assert '<nav class="govuk-pagination" aria-label="Results pages">' in html
    assert 'href="/search/?q=pension" rel="prev"' in html
    assert 'href="/search/?q=pension&amp;page=3" rel="next"' in html
    assert 'aria-label="Page 2" aria-current="page"' in html
    assert "showing 11 to 20" in html


def test_no_previous_link_on_the_first_page_and_no_next_on_the_last(search, many):
    first = search("pension")[0].content.decode()
    last = search("pension", page="3")[0].content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_one_page_of_results_has_no_pagination(search, no_synonyms):
    make_question("Pension question", summary="Pension.")
    assert "govuk-pagination" not in search("pension")[0].content.decode()


def test_long_pagination_shows_gaps(search, no_synonyms):
    from publishing.pagination import pagination_items

    items = pagination_items(10, 20, lambda n: f"/p{n}")
    numbers = [item.get("number", "…") for item in items]
    assert numbers == [1, "…", 8, 9, 10, 11, 12, "…", 20]
