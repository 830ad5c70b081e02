"""'Did you mean …' from the index's vocabulary (pg_trgm on PostgreSQL, edit distance on SQLite), and
searching with the correction when the words as typed find little."""

import datetime

import pytest
from django.utils import timezone

from publishing.models import Status
from tests.factories import make_guide, make_question
from tests.search.helpers import sqlite_only, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement_pages(no_synonyms):
    """Pages about procurement, governance and outsourcing."""
    make_guide("Working with the supplier market", body="Procurement rules and the supplier market.")
    make_guide("Governance", body="Programme governance and assurance.")
    make_question("Is it outsourcing?", body="Outsourcing is different.")


def test_a_misspelt_word_that_finds_nothing_is_searched_as_corrected(search, procurement_pages):
    response, outcome = search("goverance")
    assert titles(outcome) == ["Governance"]
    assert (outcome.query, outcome.typed_query) == ("governance", "goverance")
    html = response.content.decode()
    assert "Showing results for <strong>governance</strong>." in html
    assert '<a class="govuk-link" href="/search/?q=goverance&amp;as_typed=1">Search instead for “goverance”</a>' in html


def test_searching_for_the_words_as_typed_offers_the_correction_instead(search, procurement_pages):
    response, outcome = search("goverance", as_typed="1")
    assert outcome.total == 0 and outcome.typed_query == ""
    assert outcome.suggestion == "governance"
    html = response.content.decode()
    assert 'Did you mean <a class="govuk-link" href="/search/?q=governance">governance</a>?' in html


def test_a_misspelt_word_inside_a_longer_query_is_corrected_when_only_some_words_matched(search, procurement_pages):
    _, outcome = search("goverance assurance")
    assert (outcome.mode, outcome.typed_query) == ("all", "goverance assurance")
    assert outcome.query == "governance assurance"
    assert titles(outcome) == ["Governance"]


def test_the_words_as_typed_are_kept_when_the_correction_finds_no_more(search, procurement_pages):
    # Neither finds a page with both words; the correction finds no more pages than the words as typed.
    _, outcome = search("procurment outsourcing")
    assert (outcome.mode, outcome.typed_query) == ("any", "")
    assert outcome.suggestion == "procurement outsourcing"


def test_the_suggestion_keeps_the_other_words_as_typed(search, procurement_pages):
    _, outcome = search("HR finance procurment")
    assert outcome.suggestion == "HR finance procurement"


def test_a_word_the_index_lacks_is_searched_as_corrected_even_when_stemming_matches_it(search, procurement_pages):
    # 'procurment' and 'procurement' share a stem, so the words as typed find the page too, but the
    # spelling is wrong: the results are for the correction, and the page says so.
    _, outcome = search("procurment")
    assert titles(outcome) == ["Working with the supplier market"]
    assert (outcome.query, outcome.typed_query) == ("procurement", "procurment")


def test_correctly_spelt_words_get_no_suggestion(search, procurement_pages):
    assert search("procurement governance")[1].suggestion == ""


def test_another_form_of_a_word_in_the_text_is_not_called_a_misspelling(search, procurement_pages):
    # The text has 'rules'; 'rule' is a right word, not a typo.
    assert search("rule")[1].suggestion == ""


def test_gibberish_gets_no_suggestion(search, procurement_pages):
    assert search("xqzvbn")[1].suggestion == ""


def test_a_word_only_an_unreadable_page_uses_is_never_suggested(search, no_synonyms):
    make_question("Pensions", status=Status.DRAFT, body="Superannuation.")
    make_guide("Coming soon", body="Superannuation.", publish_at=timezone.now() + datetime.timedelta(days=1))
    make_guide("Withdrawn", body="Superannuation.", status=Status.WITHDRAWN)
    assert search("superanuation")[1].suggestion == ""


def test_the_suggestion_and_the_words_as_typed_are_escaped(search, procurement_pages):
    response, outcome = search("<b>goverance</b>", as_typed="1")
    assert outcome.suggestion == "<b>governance</b>"
    html = response.content.decode()
    assert "&lt;b&gt;governance&lt;/b&gt;" in html
    assert "<b>governance" not in html
    response, outcome = search("<i>goverance</i>")
    assert outcome.typed_query == "<i>goverance</i>"
    html = response.content.decode()
    assert "Search instead for “&lt;i&gt;goverance&lt;/i&gt;”" in html
    assert "<i>goverance" not in html


def test_a_word_an_editors_synonym_explains_is_not_called_a_misspelling(search, procurement_pages):
    from search.models import Synonym

    # 'gov' is in no page, but the synonym says what it means: it is searched, not corrected.
    Synonym.objects.create(terms="gov, governance")
    _, outcome = search("gov")
    assert (outcome.suggestion, outcome.typed_query) == ("", "")
    assert titles(outcome) == ["Governance"]


@sqlite_only
def test_two_swapped_letters_count_as_one_typing_mistake(search, procurement_pages):
    # A short word may have one mistake corrected: "rlues" is "rules" with two neighbouring letters swapped.
    # (PostgreSQL's candidates are the words alike by trigrams, which "rlues" and "rules" are not: 2 of 10.)
    _, outcome = search("rlues")
    assert outcome.query == "rules"
    assert titles(outcome) == ["Working with the supplier market"]


def test_of_two_words_as_close_to_a_misspelling_the_one_more_pages_use_is_chosen(search, no_synonyms):
    # "modle" is one mistake from "model" (two letters swapped) and from "mode" (one letter too many).
    for number in range(3):
        make_guide(f"Savings guide {number}", body="The savings model estimates what sharing saves.")
    make_guide("Delivery", body="The delivery mode of a service.")
    _, outcome = search("modle")
    assert outcome.query == "model"
    assert len(titles(outcome)) == 3


@pytest.fixture
def benchmarking_pages(no_synonyms):
    make_guide("Measuring value", body="Benchmarking compares what your corporate services cost with others.")
    make_guide("Setting up", body="How to set up a centre. The setup of a centre takes a year.")
    make_guide("Marking time", body="A bench in the park, and marking the calendar.")


def test_two_words_typed_apart_that_the_index_has_as_one_are_searched_joined(search, benchmarking_pages):
    response, outcome = search("bench marking our costs")
    assert (outcome.query, outcome.typed_query) == ("benchmarking our costs", "bench marking our costs")
    assert titles(outcome)[0] == "Measuring value"
    assert "Showing results for <strong>benchmarking our costs</strong>." in response.content.decode()


def test_two_words_are_not_joined_where_the_text_has_them_side_by_side(search, benchmarking_pages):
    # "setup" is a word of the index too, but "set up" is what a page says.
    _, outcome = search("set up a centre")
    assert (outcome.query, outcome.typed_query, outcome.suggestion) == ("set up a centre", "", "")


def test_words_joined_and_a_word_corrected_in_one_query(search, benchmarking_pages):
    _, outcome = search("bench marking corprate services", as_typed="1")
    assert outcome.suggestion == "benchmarking corporate services"
