"""The page cache keys a page only on what it is built from, for anonymous readers on allowed hosts."""

import pytest
from django.core.cache import caches
from django.test import Client

from sharedservices import page_cache
from tests.factories import make_editor, make_question, make_stage, make_template

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def stored_pages():
    """Every page the local-memory cache holds, as (address, response)."""
    pages = caches["default"]
    return [page_cache.from_stored(pages.get(key.split(":", 2)[2])) for key in list(pages._cache)]


# Finding: a SCRIPT_NAME sent with the request changed the page the cache kept for everyone.


def test_a_script_name_passed_by_the_server_cannot_store_one_page_under_another_pages_address():
    make_question(title="Which page is this?")
    # As a server trusting a SCRIPT_NAME header passes it: the home page's path, with "/faq" as the prefix.
    Client().get("/", SCRIPT_NAME="/faq")
    reader = Client().get("/faq/")
    assert reader.status_code == 200
    assert "Which page is this?" in reader.content.decode()
    assert "Frequently asked questions" in reader.content.decode()


def test_a_page_is_stored_under_its_own_address_only():
    make_question()
    Client().get("/faq/")
    assert [address for address, _ in stored_pages()] == ["/faq/?page=1"]


# Finding: every distinct query string was a new entry.


def test_unknown_query_parameters_are_served_but_never_stored():
    make_question(title="Still answered?")
    client = Client()
    for number in range(20):
        response = client.get("/faq/", {"utm_source": f"campaign-{number}"})
        assert response.status_code == 200 and "Still answered?" in response.content.decode()
        assert "X-Page-Cache" not in response
    assert stored_pages() == []


def test_a_detail_page_with_any_query_string_is_not_stored():
    question = make_question()
    Client().get(f"/faq/{question.slug}/", {"anything": "x"})
    assert stored_pages() == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("/faq/?page=1", "/faq/"),
        ("/faq/?page=01", "/faq/?page=1"),
        ("/faq/?page=junk", "/faq/"),
        ("/faq/?page=2&page=1", "/faq/?page=1"),
        ("/toolkit/templates/?format=odt&stage=vision", "/toolkit/templates/?stage=vision&format=odt"),
        ("/toolkit/templates/?format=odt&format=nonsense", "/toolkit/templates/?format=odt"),
        ("/search/?q=hr&page=1", "/search/?page=1&q=hr"),
        ("/search/?q=hr&kind=faq&kind=faq", "/search/?q=hr&kind=faq"),
    ],
)
def test_requests_the_page_reads_the_same_way_share_one_entry(first, second):
    make_question()
    make_stage(position=1, slug="vision")
    client = Client()
    miss = client.get(first)
    hit = client.get(second)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss.content == hit.content
    assert len(stored_pages()) == 1


def test_requests_the_page_reads_differently_have_their_own_entries():
    make_stage(position=1, slug="vision")
    make_stage(position=2, slug="strategy")
    client = Client()
    one = client.get("/toolkit/templates/", {"stage": "vision"})
    two = client.get("/toolkit/templates/", {"stage": "strategy"})
    assert two["X-Page-Cache"] == "miss" and one.content != two.content


def test_every_stored_page_is_the_page_its_address_shows():
    make_question(title="A stored question?")
    stage = make_stage(position=1, slug="vision")
    make_template("A stored template", stage=stage, files=["odt"])
    client = Client()
    for url in ["/", "/faq/?page=01", "/toolkit/templates/?format=odt&stage=vision", "/search/?q=stored&page=1"]:
        client.get(url, SCRIPT_NAME="/elsewhere")
    stored = stored_pages()
    assert len(stored) == 4
    caches["default"].clear()
    for address, response in stored:
        assert Client().get(address).content == response.content, address


# Finding: ALLOWED_HOSTS was skipped on cache hits.


def test_a_cached_page_does_not_answer_for_a_host_that_is_not_allowed():
    make_question()
    Client().get("/faq/")
    assert Client().get("/faq/")["X-Page-Cache"] == "hit"
    assert Client().get("/faq/", HTTP_HOST="evil.example").status_code == 400


# Finding: signed-in readers' pages could be kept by a shared cache.


def test_a_signed_in_readers_page_is_private():
    make_question()
    client = Client()
    client.force_login(make_editor())
    response = client.get("/faq/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_an_anonymous_readers_page_stays_public():
    make_question()
    response = Client().get("/faq/")
    assert "public" in response["Cache-Control"] and "private" not in response["Cache-Control"]
