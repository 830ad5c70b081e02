"""Whatever is typed or put in the address, the answer is a normal page (or a 400), never a 500,
and nothing the reader sent is ever rendered unescaped."""

import pytest

from tests.factories import make_guide, make_question
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    pytest.param("x" * 10_000, id="10000-characters"),
    pytest.param("pension " * 2_000, id="long-repeated-words"),
    pytest.param("pen\x00sion", id="nul-inside"),
    pytest.param("\x00", id="nul-only"),
    pytest.param('"pension', id="unbalanced-quote-open"),
    pytest.param('pension"', id="unbalanced-quote-close"),
    pytest.param('"""', id="three-quotes"),
    pytest.param("-", id="lone-minus"),
    pytest.param("OR", id="lone-or"),
    pytest.param('"', id="lone-quote"),
    pytest.param("AND", id="lone-and"),
    pytest.param("NOT", id="lone-not"),
    pytest.param("- - OR OR", id="operators-only"),
    pytest.param("pension -", id="trailing-minus"),
    pytest.param("OR pension OR", id="or-at-both-ends"),
    pytest.param("-pension", id="only-an-exclusion"),
    pytest.param("'; DROP TABLE search_searchentry; --", id="sql-drop"),
    pytest.param("1' OR '1'='1", id="sql-tautology"),
    pytest.param("pension%' --", id="sql-percent"),
    pytest.param("%%%s%d", id="format-placeholders"),
    pytest.param("\\", id="backslash"),
    pytest.param("{{ 7*7 }}", id="template-variable"),
    pytest.param("{% load static %}{% debug %}", id="template-tag"),
    pytest.param("title:pension", id="fts-column-filter"),
    pytest.param("pension*", id="fts-prefix"),
    pytest.param("NEAR(pension leave)", id="fts-near"),
    pytest.param("(pension", id="unbalanced-bracket"),
    pytest.param("a:* & !b | (c <-> d)", id="tsquery-syntax"),
    pytest.param("<script>alert(1)</script>", id="script-tag"),
    pytest.param('"><img src=x onerror=alert(1)>', id="attribute-breakout"),
    pytest.param("😀", id="emoji"),
    pytest.param("pension 😀🎉👩‍👩‍👧", id="words-and-emoji"),
    pytest.param("שירותים משותפים", id="hebrew"),
    pytest.param("الخدمات المشتركة", id="arabic"),
    pytest.param("\u202epension\u202c", id="bidi-override"),
    pytest.param("pension\u200b\u200d", id="zero-width"),
    pytest.param("Ωmega ＰＥＮＳＩＯＮ ﬁnance", id="unicode-forms"),
    pytest.param("   ", id="spaces-only"),
]


@pytest.fixture
def some_content(no_synonyms):
    """A couple of pages so that searches have something to find."""
    make_question("Pension arrangements", body="Your pension stays the same.")
    make_guide("Annual leave", body="Annual leave stays the same.")


def assert_nothing_unescaped(html):
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    assert "\x00" not in html
    assert "\u202e" not in html


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_query_gives_a_normal_page(client, some_content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert_reader_page_structure(html)
    assert_nothing_unescaped(html)


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_query_with_filters_and_paging_gives_a_normal_page(client, some_content, query):
    response = client.get("/search/", {"q": query, "kind": "faq", "audience": "providers", "page": "2"})
    assert response.status_code == 200
    assert_nothing_unescaped(response.content.decode())


@pytest.mark.parametrize(
    "query_string",
    [
        pytest.param("q=%ED%A0%80", id="lone-surrogate"),
        pytest.param("q=%ff%fe%fd", id="invalid-utf8"),
        pytest.param("q=%ZZ%", id="broken-percent-encoding"),
        pytest.param("q=pension&q=leave", id="repeated-q"),
        pytest.param("q[]=pension", id="array-syntax"),
        pytest.param("q=pension&page=%00", id="nul-page"),
        pytest.param("q=pension&kind=%3Cscript%3E&topic=%00&audience=" + "x" * 5000, id="junk-filters"),
        pytest.param("q=pension&" + "&".join(["kind=faq"] * 500), id="many-filter-values"),
        pytest.param("=&&==&q", id="empty-pairs"),
    ],
)
def test_bad_query_strings_give_a_normal_page(client, some_content, query_string):
    response = client.generic("GET", "/search/", QUERY_STRING=query_string)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html


def test_too_many_parameters_is_a_400_with_a_message(client, some_content):
    response = client.generic("GET", "/search/", QUERY_STRING="&".join(f"k{n}=v" for n in range(1200)))
    assert response.status_code == 400
    assert "Shared Services Guidance" in response.content.decode()


def test_a_long_query_is_shortened_and_the_reader_is_told(client, some_content):
    html = client.get("/search/", {"q": "pension " + "x" * 500}).content.decode()
    assert "only its first 200 characters were used" in html


def test_the_query_is_escaped_everywhere_it_is_shown(client, some_content):
    query = '<b onmouseover="x">pension</b> & "quotes"'
    html = client.get("/search/", {"q": query}).content.decode()
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=&quot;x&quot;&gt;pension&lt;/b&gt; &amp; &quot;quotes&quot;" in html
