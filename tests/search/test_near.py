"""Neighbouring words of a longer query found close together on a page: in a query of three words or more, a page
holding them at most two words apart, either way round, ranks above one holding the same words scattered. On
PostgreSQL and SQLite alike."""

import pytest

from search.backends.sqlite import near_sql
from search.query import parse_query
from tests.factories import make_question
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db

FILLER = "Departments share routine work so that it costs less and works better for everyone involved."
SENTENCE = "Score each statement from 1 to 5 for your organisation."


@pytest.fixture
def scattered_and_close(no_synonyms):
    make_question(
        "Annual report",
        summary="A statement of the year.",
        body=f"Each score is published. {FILLER} {FILLER} Version 1 came first. {FILLER} {FILLER} Then version 5.",
        updated_days_ago=1,
    )
    make_question(
        "Readiness check", summary="Check before you start.", body=f"{FILLER} {SENTENCE}", updated_days_ago=300
    )


def test_a_page_holding_the_querys_words_close_together_ranks_above_one_holding_them_scattered(
    search, scattered_and_close
):
    _, outcome = search("scoring each statement from 1 to 5")
    assert titles(outcome) == ["Readiness check", "Annual report"]


def test_close_together_counts_either_way_round(search, scattered_and_close):
    _, outcome = search("5 to 1 statement scores")
    assert titles(outcome) == ["Readiness check", "Annual report"]


def test_a_query_of_two_words_is_not_ranked_by_closeness():
    assert near_sql(parse_query("statement score"), [1.0, 1.0], 6.0) == ("", [])


def test_each_pair_of_neighbouring_words_counts_by_the_weight_of_its_two_words():
    sql, params = near_sql(parse_query("score statement 5"), [1.0, 3.0, 1.0], 6.0)
    assert sql.count("MATCH %s") == 2
    assert params == [3.0, 'NEAR("score" "statement", 2)', 3.0, 'NEAR("statement" "5", 2)']
    _, params = near_sql(parse_query("score statement 5"), [1.0, 1.0, 4.0], 6.0)
    assert params[0] == pytest.approx(6.0 * 2 / 7) and params[2] == pytest.approx(6.0 * 5 / 7)
