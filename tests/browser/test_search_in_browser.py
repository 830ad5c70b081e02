"""The search page in a real browser: no WCAG 2.2 A/AA violations (axe-core), filters work without JavaScript."""

import pytest

from tests.factories import make_guide, make_question, make_topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def results():
    """Enough pages about pensions for two pages of results, in two kinds and two topics."""
    hr, finance = make_topic("HR"), make_topic("Finance")
    for number in range(8):
        make_question(f"Pension question {number}", body="Your pension stays the same.", topics=[hr])
        make_guide(f"Pension guide {number}", body="Pension rules.", audience="providers", topics=[finance])


@pytest.mark.parametrize(
    "path",
    ["/search/", "/search/?q=pension", "/search/?q=pension&kind=faq&topic=hr&page=1", "/search/?q=xylophone"],
)
def test_search_pages_have_no_wcag_violations(page, axe, results, path):
    page.goto(path)
    assert axe(page) == []
    assert page.console_errors == []


def test_filters_work_without_javascript(new_context, results):
    tab = new_context(java_script_enabled=False).new_page()
    tab.goto("/search/?q=pension")
    tab.check("#filter-kind-faq")
    tab.get_by_role("button", name="Apply filters").click()
    assert "kind=faq" in tab.url and "q=pension" in tab.url
    assert tab.locator(".app-search-result").count() == 8
    tab.get_by_role("link", name="Clear filters").click()
    assert tab.locator(".app-search-result").count() == 10
