"""The tools are offered where readers decide (home, toolkit stages, customer and provider guidance, the service
navigation), found by search, and every page they link to is there."""

import re

import pytest
from django.test import Client

from publishing.registry import recommended_pages
from search.selectors import SearchParams, search_run
from tools.readiness import definition

pytestmark = pytest.mark.django_db


def links_on(path):
    response = Client().get(path)
    assert response.status_code == 200, path
    return set(re.findall(r'href="(/tools/[^"]*)"', response.content.decode()))


@pytest.mark.parametrize(
    ("path", "tools"),
    [
        ("/", {"/tools/", "/tools/readiness/", "/tools/savings/"}),
        ("/toolkit/vision/", {"/tools/readiness/"}),
        ("/toolkit/strategy-and-business-case/", {"/tools/readiness/", "/tools/savings/"}),
        ("/toolkit/operation/", {"/tools/savings/"}),
        ("/guidance/customers/", {"/tools/readiness/", "/tools/savings/"}),
        ("/guidance/providers/", {"/tools/readiness/", "/tools/savings/"}),
        ("/toolkit/templates/readiness-self-assessment/", {"/tools/readiness/"}),
        ("/toolkit/templates/outline-business-case-savings-model/", {"/tools/savings/"}),
    ],
)
def test_the_tools_are_offered_where_readers_decide(demo_content, path, tools):
    assert tools <= links_on(path)


@pytest.mark.parametrize(
    "path",
    ["/", "/tools/", "/toolkit/strategy-and-business-case/", "/toolkit/operation/", "/guidance/customers/",
     "/guidance/providers/", "/faq/how-do-we-know-it-is-better-value/"],
)  # fmt: skip
def test_the_benchmarks_are_offered_where_readers_decide(demo_content, path):
    assert 'href="/benchmarks/"' in Client().get(path).content.decode()


def test_every_page_has_tools_in_its_service_navigation(demo_content):
    html = Client().get("/faq/").content.decode()
    navigation = html[html.index("govuk-service-navigation__list") :]
    assert re.search(r'href="/tools/"[^>]*>\s*Tools\s*<', navigation)


def test_a_stage_no_tool_serves_offers_none_beyond_the_navigation(demo_content):
    assert links_on("/toolkit/design/") == {"/tools/"}


def test_every_page_the_tools_link_to_is_published_in_the_demo_content(demo_content):
    assessment = definition()
    links = {link.url for factor in assessment.factors for link in factor.links} | {
        link.url for link in assessment.overall_links
    }
    for path in ("/tools/", "/tools/readiness/", "/tools/savings/"):
        html = Client().get(path).content.decode()
        links |= set(re.findall(r'href="(/(?:guidance|toolkit|faq|tools)/[^"#]*)"', html))
    client = Client()
    broken = {url: client.get(url).status_code for url in sorted(links) if client.get(url).status_code != 200}
    assert broken == {}
    assert len(links) >= 15


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("self assessment", "/tools/readiness/"),
        ("are we ready to share services", "/tools/readiness/"),
        ("Readiness self-assessment", "/tools/readiness/"),
        ("savings calculator", "/tools/savings/"),
        ("can I estimate savings online", "/tools/savings/"),
        ("online tools", "/tools/"),
        ("benchmark our HR costs", "/benchmarks/"),
        ("compare costs with other departments", "/benchmarks/"),
    ],
)
def test_search_recommends_the_tool_a_reader_asks_for_first(demo_content, query, url):
    outcome = search_run(params=SearchParams(q=query))
    assert outcome.best_bets and outcome.best_bets[0].url == url


@pytest.mark.parametrize("query", ["savings", "how much can we save", "readyness", "toolkit", "selfish"])
def test_search_does_not_recommend_a_tool_for_words_that_only_look_alike(demo_content, query):
    outcome = search_run(params=SearchParams(q=query))
    assert not [bet for bet in outcome.best_bets if bet.url.startswith("/tools/")]


def test_the_results_page_shows_the_recommended_tool_above_the_results(demo_content):
    html = Client().get("/search/", {"q": "savings calculator"}).content.decode()
    recommended = html[html.index("best-bets-heading") : html.index("</section>", html.index("best-bets-heading"))]
    assert "Online tool" in recommended and 'href="/tools/savings/">Savings estimator</a>' in recommended


def test_the_tools_and_their_list_are_registered_for_search():
    assert {page.url_name for page in recommended_pages()} >= {"tools:index", "tools:readiness", "tools:savings"}
