"""Results come best first: title over summary over body, more matched words first, newer first on a tie."""

import pytest

from search.backends import get_backend
from search.indexing import index_rebuild
from search.query import parse_query
from tests.factories import make_guide, make_question
from tests.search.helpers import postgres_only, sqlite_only, titles

pytestmark = pytest.mark.django_db

FILLER = "Departments share routine work so that it costs less and works better for everyone involved."


def test_a_title_match_beats_a_body_match_however_often_the_body_says_it(search, no_synonyms):
    make_question("Body only", summary="Nothing here.", body=f"{FILLER} " + "Pension rules. " * 8, updated_days_ago=1)
    make_question("Pension arrangements", summary="Nothing here.", body=FILLER, updated_days_ago=300)
    _, outcome = search("pension")
    assert titles(outcome) == ["Pension arrangements", "Body only"]


def test_a_title_match_beats_a_summary_match(search, no_synonyms):
    make_question("Summary only", summary="Pension rules are explained.", body=FILLER, updated_days_ago=1)
    make_question("Pension arrangements", summary="Nothing here.", body=FILLER, updated_days_ago=300)
    _, outcome = search("pension")
    assert titles(outcome) == ["Pension arrangements", "Summary only"]


def test_a_summary_match_beats_a_body_match(search, no_synonyms):
    make_question("In the body", summary="Nothing here.", body=f"{FILLER} Pension rules.", updated_days_ago=1)
    make_question("In the summary", summary="Pension rules.", body=FILLER, updated_days_ago=300)
    _, outcome = search("pension")
    assert titles(outcome) == ["In the summary", "In the body"]


def test_the_more_recently_updated_page_comes_first_on_a_tie(search, no_synonyms):
    make_question("Pension arrangements", summary="Same words.", body=FILLER, updated_days_ago=200, slug="older")
    make_question("Pension arrangements", summary="Same words.", body=FILLER, updated_days_ago=2, slug="newer")
    make_question("Pension arrangements", summary="Same words.", body=FILLER, updated_days_ago=90, slug="middle")
    _, outcome = search("pension")
    assert [result.entry.url for result in outcome.results] == ["/faq/newer/", "/faq/middle/", "/faq/older/"]


def test_a_title_with_every_word_beats_a_title_with_some(search, no_synonyms):
    make_question("Annual leave", summary="Annual leave and pension rules.", body=FILLER, updated_days_ago=1)
    make_question("Pension and annual leave", summary="Nothing here.", body=FILLER, updated_days_ago=300)
    _, outcome = search("pension leave")
    assert titles(outcome) == ["Pension and annual leave", "Annual leave"]


def test_pages_holding_every_word_come_before_pages_holding_some_and_the_page_does_not_say_some(search, no_synonyms):
    make_question("Pension arrangements", body=FILLER, updated_days_ago=1)
    make_question("Pension and annual leave", body=FILLER, updated_days_ago=300)
    make_question("Something else", body=FILLER)
    _, outcome = search("pension leave")
    assert titles(outcome) == ["Pension and annual leave", "Pension arrangements"]
    assert outcome.mode == "all"
    assert "contain some of them" not in outcome_html(search, "pension leave")


def test_a_page_whose_title_holds_the_rare_word_beats_a_page_holding_every_word_in_passing(search, no_synonyms):
    # "department" is on nearly every page, "benefits" on one: a page need not hold every word of a longer
    # question to answer it.
    for number in range(6):
        make_guide(f"Guide {number}", body=f"{FILLER} Each department decides.")
    make_guide("Moving over", body=f"{FILLER} The department listed the benefits it expected.")
    make_question("What are the benefits?", summary="Lower costs and better services.", body=FILLER)
    _, outcome = search("benefits for my department")
    assert titles(outcome)[:2] == ["What are the benefits?", "Moving over"]
    assert outcome.mode == "all"


def test_when_no_page_has_every_word_pages_with_more_of_them_come_first(search, no_synonyms):
    make_question("Pension arrangements", summary="Nothing here.", body=FILLER, updated_days_ago=1)
    make_question("Pension and annual leave", summary="Nothing here.", body=FILLER, updated_days_ago=300)
    make_question("Something else", body=FILLER)
    _, outcome = search("pension leave xylophone")
    assert outcome.mode == "any"
    assert titles(outcome) == ["Pension and annual leave", "Pension arrangements"]
    assert "contain some of them" in outcome_html(search, "pension leave xylophone")


def outcome_html(search, query):
    response, _ = search(query)
    return response.content.decode()


def test_stemming_finds_other_forms_of_a_word(search, no_synonyms):
    make_question("How much is saved", summary="Departments saved money.", body=FILLER)
    make_question("Unrelated", body=FILLER)
    _, outcome = search("savings")
    assert titles(outcome) == ["How much is saved"]


def test_a_quoted_phrase_must_appear_as_written(search, no_synonyms):
    make_guide("Leave policy", body="Annual leave is agreed with your manager.")
    make_guide("Leave and annual reports", body="Leave the annual report to finance.")
    _, outcome = search('"annual leave"')
    assert titles(outcome) == ["Leave policy"]


def test_a_minus_word_leaves_out_pages_that_use_it(search, no_synonyms):
    make_guide("Savings in central government", body="Central savings.")
    make_guide("Savings in local government", body="Local savings.")
    _, outcome = search("savings -local")
    assert titles(outcome) == ["Savings in central government"]


def test_or_finds_either_word(search, no_synonyms):
    make_guide("Pensions", body=FILLER)
    make_guide("Annual leave", body=FILLER)
    make_guide("Estates", body=FILLER)
    _, outcome = search("pensions OR leave")
    assert sorted(titles(outcome)) == ["Annual leave", "Pensions"]


def common_pages():
    """Many pages full of the site's common words, and none with the rare one."""
    for number in range(12):
        make_question(
            f"Shared services for a department, part {number}",
            summary="Shared services and the department.",
            body=f"{FILLER} Shared services help each department. The department and its shared services.",
            updated_days_ago=1,
        )


def test_the_any_words_fallback_puts_the_page_with_the_rare_word_first(search, no_synonyms):
    common_pages()
    make_question("Keeping oversight", summary="Nothing.", body=f"{FILLER} You keep control.", updated_days_ago=300)
    index_rebuild()  # and with it the statistics that say which words are rare
    _, outcome = search("shared services department control")
    assert outcome.mode == "any"
    assert titles(outcome)[0] == "Keeping oversight"


def test_the_fallback_ranks_a_rare_word_in_the_title_above_it_in_the_body(search, no_synonyms):
    common_pages()
    make_question("Mentions it", summary="Nothing here.", body=f"{FILLER} Control, control.", updated_days_ago=1)
    make_question("Will we lose control?", summary="Nothing here.", body=FILLER, updated_days_ago=300)
    index_rebuild()
    _, outcome = search("shared services department control")
    assert titles(outcome)[:2] == ["Will we lose control?", "Mentions it"]


@postgres_only
def test_postgres_weights_each_word_by_how_rare_the_index_statistics_say_it_is(no_synonyms):
    common_pages()
    make_question("Keeping oversight", body="You keep control.")
    index_rebuild()
    backend = get_backend()
    cte, params = backend._query_cte(parse_query("department control"), "any")
    weights = backend.fetch(f"WITH {cte} SELECT weights FROM q", params)[0][0]
    assert weights[1] > 2 * weights[0]


@postgres_only
def test_postgres_without_statistics_weighs_every_word_the_same(no_synonyms):
    make_question("Keeping oversight", body="You keep control of the department.")
    backend = get_backend()
    with backend.connection.cursor() as cursor:
        cursor.execute("DELETE FROM pg_statistic WHERE starelid = 'search_searchentry'::regclass")
    cte, params = backend._query_cte(parse_query("department control"), "any")
    weights = backend.fetch(f"WITH {cte} SELECT weights FROM q", params)[0][0]
    assert weights[0] == weights[1] > 0


def test_a_summary_holding_every_word_beats_a_body_that_repeats_them(search, no_synonyms):
    make_question(
        "Mentions them",
        summary="Nothing here.",
        body=f"{FILLER} " + "Pension and annual leave. " * 8,
        updated_days_ago=1,
    )
    make_question("About them", summary="Pension and annual leave.", body=FILLER, updated_days_ago=300)
    _, outcome = search("pension leave")
    assert outcome.mode == "all"
    assert titles(outcome) == ["About them", "Mentions them"]


@sqlite_only
def test_among_titles_holding_every_word_the_shorter_title_comes_first_whatever_the_bodies(search, no_synonyms):
    make_question("Will we lose control if we move pensions?", summary="Nothing here.", body=FILLER, updated_days_ago=1)
    make_question(
        "Moving pensions", summary="Nothing here.", body=f"{FILLER} " * 6 + "More words.", updated_days_ago=300
    )
    _, outcome = search("move pensions")
    assert titles(outcome)[:2] == ["Moving pensions", "Will we lose control if we move pensions?"]
