"""The results page: GOV.UK structure, what each result shows, the no-results page."""

import re

import pytest

from tests.factories import make_guide, make_question, make_topic
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db


def test_search_page_without_a_query_invites_a_search(client, html_of):
    html = html_of(client, "/search/")
    assert_reader_page_structure(html, title_prefix="Search –")
    assert '<h1 class="govuk-heading-xl">Search</h1>' in html
    assert "Type a question or a few words" in html
    assert "govuk-checkboxes" not in html


def test_results_page_is_titled_with_the_query_and_has_one_h1(client, html_of, no_synonyms):
    make_question("Pension arrangements")
    html = html_of(client, "/search/?q=pension")
    page = assert_reader_page_structure(html, title_prefix="Search results for “pension” –")
    assert page.tags["h1"] == 1
    assert 'name="robots" content="noindex, follow"' in html


def test_each_result_shows_kind_title_link_highlighted_snippet_and_last_updated(client, html_of, no_synonyms):
    item = make_question(
        "Pension arrangements",
        summary="What happens to pensions.",
        body="When your work moves to a shared service your pension stays the same.",
    )
    html = html_of(client, "/search/?q=pension")
    assert '<p class="govuk-body-s app-search-result__kind">FAQ</p>' in html
    assert f'<a class="govuk-link" href="{item.get_absolute_url()}">Pension arrangements</a>' in html
    snippet = re.search(r'app-search-result__snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>pension" in snippet.lower() or "<mark>pensions</mark>" in snippet.lower()
    assert f'Last updated <time datetime="{item.last_updated:%Y-%m-%d}">' in html
    assert "1 result for <strong>“pension”</strong>" in html


def test_snippets_escape_the_text_and_allow_only_mark(client, html_of, no_synonyms):
    make_guide(
        "Odd characters",
        summary="Nothing to see.",
        body="Pension text with `<script>alert(1)</script>` and &lt;b&gt;bold&lt;/b&gt; & ampersands.",
    )
    html = html_of(client, "/search/?q=pension")
    snippet = re.search(r'app-search-result__snippet">(.*?)</p>', html, re.S).group(1)
    assert "<script>" not in snippet and "<b>" not in snippet
    assert set(re.findall(r"</?([a-z]+)", snippet)) <= {"mark"}
    # SQLite shows the text escaped; PostgreSQL's ts_headline leaves tag-like text out. Neither runs it.
    assert "alert(1)" in snippet


def test_no_results_page_echoes_the_query_and_offers_ways_on(client, html_of, no_synonyms):
    make_question("Pension arrangements")
    html = html_of(client, "/search/?q=%3Ci%3Exylophone%3C%2Fi%3E")
    assert_reader_page_structure(html, title_prefix="Search results for")
    assert "There are no results for <strong>“&lt;i&gt;xylophone&lt;/i&gt;”</strong>" in html
    for link in ('href="/faq/"', 'href="/guidance/"', 'href="/toolkit/"'):
        assert link in html
    assert "checking your spelling" in html


def test_a_query_of_only_common_words_says_so(client, html_of, no_synonyms):
    make_question("Pension arrangements")
    html = html_of(client, "/search/?q=how+can+it+be")
    assert "only had very common words" in html


def test_the_header_search_box_keeps_the_query(client, html_of, no_synonyms):
    html = html_of(client, "/search/?q=pension+%22rules%22")
    quoted = 'value="pension (?:&quot;|&#34;)rules(?:&quot;|&#34;)"'
    assert re.search(rf'id="header-search-q" name="q" type="search" {quoted}', html)
    assert re.search(rf'id="search-q" name="q" type="search" {quoted}', html)


def test_the_kind_of_every_content_type_is_named(client, html_of, no_synonyms):
    make_question("Pension question")
    make_guide("Pension guide")
    html = html_of(client, "/search/?q=pension")
    assert ">FAQ</p>" in html and ">Guidance</p>" in html


@pytest.mark.parametrize("count", [3, 30])
def test_the_results_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, no_synonyms, count):
    hr = make_topic("HR")
    for number in range(count):
        make_question(f"Pension question {number}", topics=[hr])
    # Topics, synonyms, the search itself (on PostgreSQL: a transaction with jit off, a capped count,
    # counts, one ranked page), the page's entries, spelling, best bets.
    with django_assert_max_num_queries(12):
        response = client.get("/search/", {"q": "pension", "kind": "faq", "topic": "hr", "page": "1"})
    assert response.status_code == 200


def test_a_misspelt_query_with_no_results_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, no_synonyms
):
    make_question("Pension arrangements")
    # As above, for the pages holding some of the words (after checking they are few enough to rank them
    # all, and whether any holds every word), and again for the spelling correction, which is searched when
    # the words as typed find nothing; finding the correction counts the pages using each candidate.
    with django_assert_max_num_queries(25):
        assert client.get("/search/", {"q": "xylophone pensoin"}).status_code == 200
