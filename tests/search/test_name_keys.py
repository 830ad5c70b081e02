"""A page's other names: a query that is exactly one of the phrases readers search with for a page, or one part
of a title with a colon, ranks that page next after a page whose title is exactly the query. On PostgreSQL and
SQLite alike."""

import pytest

from publishing.workflow import item_publish, item_start_draft, item_submit_for_review
from search.backends.base import names_in_query
from search.indexing import landing_pages_index, name_keys
from search.models import SearchEntry
from tests.factories import make_editor, make_publisher, make_question
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db

FILLER = "Departments share routine work so that it costs less and works better for everyone involved."


def test_name_keys_are_the_phrases_and_each_part_of_a_title_with_a_colon_keyed_like_titles():
    keys = name_keys("What stays in your department: retained functions", ["Intelligent client", "who does what"])
    assert keys == "|stays department|retained functions|intelligent client|"


def test_one_word_before_a_colon_is_not_a_name_of_the_page():
    assert name_keys("Unity: a red rating for undecided design", []) == "|red rating undecided design|"


def test_a_phrase_that_is_the_title_itself_one_word_or_only_stop_words_is_left_out():
    assert name_keys("Retained functions", ["retained functions", "SSC", "who are we", ""]) == ""


def test_a_query_that_is_exactly_a_pages_search_phrase_puts_it_above_pages_holding_the_words_more_often(
    search, no_synonyms
):
    make_question(
        "Who runs the team and how to contact the team",
        summary="Contact the team by email.",
        body=f"{FILLER} Contact the team. The team answers every contact within a week.",
        updated_days_ago=1,
    )
    make_question("About this guidance", body=FILLER, search_keywords="contact the team", updated_days_ago=300)
    _, outcome = search("contact the team")
    assert titles(outcome)[0] == "About this guidance"


def test_a_title_that_is_exactly_the_query_still_comes_before_a_search_phrase(search, no_synonyms):
    make_question("About this guidance", body=FILLER, search_keywords="contact the team", updated_days_ago=1)
    make_question("Contact the team", body=FILLER, updated_days_ago=300)
    _, outcome = search("contact the team")
    assert titles(outcome) == ["Contact the team", "About this guidance"]


def test_a_query_naming_the_part_of_a_title_after_its_colon_finds_that_page_first(search, no_synonyms):
    make_question(
        "Retained functions checklist",
        summary="Retained functions, listed.",
        body=f"{FILLER} Retained functions.",
        updated_days_ago=1,
    )
    make_question("What stays in your department: retained functions", body=FILLER, updated_days_ago=300)
    _, outcome = search("retained functions")
    assert titles(outcome) == ["What stays in your department: retained functions", "Retained functions checklist"]


def test_a_search_phrase_counts_only_as_a_whole_query_not_as_part_of_one(search, no_synonyms):
    make_question(
        "Contact the team about payroll",
        summary="Payroll questions.",
        body=f"{FILLER} Payroll.",
        updated_days_ago=1,
    )
    make_question("About this guidance", body=f"{FILLER} Payroll.", search_keywords="contact the team")
    _, outcome = search("contact the team about payroll")
    assert titles(outcome)[0] == "Contact the team about payroll"


def test_a_new_search_phrase_names_the_page_once_the_change_is_published(search, no_synonyms):
    editor, publisher = make_editor(), make_publisher()
    make_question(
        "Who runs the team and how to contact the team",
        summary="Contact the team by email.",
        body=f"{FILLER} Contact the team.",
        updated_days_ago=1,
    )
    live = make_question("About this guidance", body=f"{FILLER} Contact the team.", updated_days_ago=300)
    draft = item_start_draft(live=live, user=editor)
    draft.search_keywords = "contact the team"
    draft.save()
    assert titles(search("contact the team")[1])[0] == "Who runs the team and how to contact the team"
    item_submit_for_review(item=draft, user=editor)
    item_publish(item=draft, user=publisher)
    assert titles(search("contact the team")[1])[0] == "About this guidance"


def test_a_landing_pages_purpose_phrase_names_it(search, no_synonyms):
    landing_pages_index()
    assert SearchEntry.objects.get(url="/about/").name_keys.count("|website|") == 1
    make_question("Is this website accessible?", summary="This website and its accessibility.", body=FILLER)
    _, outcome = search("about this website")
    assert outcome.results[0].entry.url == "/about/"


def test_the_names_looked_for_in_a_query_are_its_runs_of_two_or_more_words_short_of_the_whole():
    assert names_in_query(["team", "made", "redundant"]) == ["team made", "made redundant"]
    assert names_in_query(["redundant"]) == []
    assert names_in_query(["made", "redundant"]) == []


def test_a_longer_query_holding_a_pages_search_phrase_puts_it_above_a_page_holding_the_words_apart(search, no_synonyms):
    make_question(
        "What progress has been made?",
        summary="Progress so far.",
        body=f"{FILLER} No post was redundant.",
        updated_days_ago=1,
    )
    make_question("Will people lose their jobs?", body=FILLER, search_keywords="made redundant", updated_days_ago=300)
    _, outcome = search("will my team be made redundant")
    assert titles(outcome)[0] == "Will people lose their jobs?"
