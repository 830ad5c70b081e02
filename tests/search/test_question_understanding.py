"""Questions as readers ask them: how a question starts is dropped, and editors' phrase synonyms
turn a way of asking ("what's in it for") into the words the answer uses ("benefits")."""

import pytest
from django.test import Client

from search.models import PhraseSynonym
from search.query import SynonymTable, parse_query
from tests.factories import make_guide, make_question, make_user
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db


def groups(query, table=None):
    return [[alternative.text for alternative in group.alternatives] for group in parse_query(query, table).groups]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("define shared services", [["shared"], ["services"]]),
        ("what is a shared service centre", [["shared"], ["service"], ["centre"]]),
        ("how do I know the savings are real", [["savings"], ["real"]]),
        ("explain transition", [["transition"]]),
        ("tell me about vetting", [["vetting"]]),
    ],
)
def test_how_a_question_starts_is_not_searched_for(query, expected):
    assert groups(query) == expected


def test_how_much_is_part_of_the_question_not_how_it_starts():
    # A reader asking "how much" wants an amount: "much" finds "How much can be saved?".
    assert groups("how much can we save") == [["much"], ["save"]]


def test_a_question_asking_how_much_finds_the_answer_titled_with_it(search, no_synonyms):
    make_question("Savings from sharing", body="Sharing saves money. Departments save on systems and save on staff.")
    make_question("How much can be saved?", body="Savings of 20 to 30% are typical.")
    _, outcome = search("how much can we save")
    assert titles(outcome)[0] == "How much can be saved?"


def test_a_query_that_is_only_a_question_start_keeps_its_words():
    # "explain" alone is what the reader wants to find, not how a question starts.
    assert groups("explain") == [["explain"]]


def test_only_the_start_of_a_query_is_treated_as_scaffolding():
    assert groups("vetting define") == [["vetting"], ["define"]]


def test_a_phrase_synonym_searches_for_what_the_phrase_means():
    table = SynonymTable(phrase_meanings=[(["what s in it for"], ["benefits"])])
    assert groups("what's in it for my department", table) == [["benefits"], ["department"]]


def test_a_phrase_synonym_with_several_meanings_finds_any_of_them():
    table = SynonymTable(phrase_meanings=[(["value for money"], ["value", "benchmarking"])])
    assert groups("value for money", table) == [["value", "benchmarking"]]


def test_a_phrase_synonyms_meaning_widens_through_the_word_synonyms():
    table = SynonymTable([["benchmarking", "compare costs"]], [(["value for money"], ["benchmarking"])])
    assert groups("value for money", table) == [["benchmarking", "compare costs"]]


def test_a_phrase_synonym_matches_plurals_and_any_capitals():
    table = SynonymTable(phrase_meanings=[(["pitfall"], ["risks"])])
    assert groups("The PITFALLS", table) == [["risks"]]


def test_a_phrase_synonym_finds_the_answer_on_the_page(search, no_synonyms):
    PhraseSynonym.objects.create(phrases="what's in it for, why bother", means="benefits")
    make_question("What are the benefits?", body="Lower costs and better services.")
    make_question("Who runs the team?", body="The Cabinet Office.")
    _, outcome = search("what's in it for us")
    assert titles(outcome) == ["What are the benefits?"]
    _, outcome = search("why bother")
    assert titles(outcome) == ["What are the benefits?"]


def test_a_question_finds_the_page_once_its_start_is_dropped(search, no_synonyms):
    make_guide("Vetting and security", body="Checks before people start.")
    _, outcome = search("define vetting")
    assert titles(outcome) == ["Vetting and security"]
    assert outcome.mode == "all"


def test_a_phrase_synonym_change_applies_to_the_next_search(search, no_synonyms):
    make_question("What are the benefits?", body="Lower costs.")
    _, outcome = search("why bother")
    assert titles(outcome) == []
    PhraseSynonym.objects.create(phrases="why bother", means="benefits")
    _, outcome = search("why bother")
    assert titles(outcome) == ["What are the benefits?"]


@pytest.fixture
def admin_client_signed_in():
    client = Client()
    client.force_login(make_user("phrase-admin", superuser=True))
    return client


def test_editors_add_a_phrase_synonym_in_the_admin(admin_client_signed_in):
    response = admin_client_signed_in.post(
        "/admin/search/phrasesynonym/add/", {"phrases": "what's in it for", "means": "benefits", "note": ""}
    )
    assert response.status_code == 302
    synonym = PhraseSynonym.objects.get()
    assert (synonym.phrase_list(), synonym.meaning_list()) == (["what s in it for"], ["benefits"])


def test_a_phrase_synonym_needs_a_phrase_and_a_meaning(admin_client_signed_in):
    response = admin_client_signed_in.post("/admin/search/phrasesynonym/add/", {"phrases": "  ", "means": ","})
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required" in content or "Give at least one phrase" in content
    response = admin_client_signed_in.post("/admin/search/phrasesynonym/add/", {"phrases": "why bother", "means": ","})
    assert "Give at least one word or phrase to search for instead" in response.content.decode()
    assert not PhraseSynonym.objects.exists()


def test_what_a_way_of_asking_means_outweighs_the_words_around_it(search, no_synonyms):
    # "why bother" asks for the benefits; "pooling back office functions" only says of what. The page on the
    # benefits of pooling answers it, though another page holds more of the other words.
    PhraseSynonym.objects.create(phrases="why bother", means="benefits")
    make_guide("The benefits of pooling", body="Pooling brings lower costs and better services.")
    make_guide("Pooling back office functions", body="Which back office functions to pool, and how functions move.")
    for number in range(4):
        make_question(f"Tracking benefits {number}", body="Benefits are tracked every quarter.")
    _, outcome = search("why bother pooling back office functions")
    assert titles(outcome)[0] == "The benefits of pooling"
