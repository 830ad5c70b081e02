"""Search keywords: the words readers search with for a page, kept by editors beside the page, searched with the
weight of the summary and never shown to readers. On PostgreSQL and SQLite alike."""

import pytest

from publishing.workflow import item_publish, item_start_draft, item_submit_for_review
from tests.factories import make_editor, make_publisher, make_question
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db

FILLER = "Departments share routine work so that it costs less and works better for everyone involved."


def test_a_page_is_found_by_a_search_keyword_that_is_nowhere_in_its_text(search, no_synonyms):
    make_question("Will people lose their jobs?", body=FILLER, search_keywords="made redundant\njob cuts")
    make_question("Another answer", body=FILLER)
    _, outcome = search("made redundant")
    assert titles(outcome) == ["Will people lose their jobs?"]


def test_a_keyword_counts_like_the_summary_above_a_mention_in_a_body(search, no_synonyms):
    make_question("Mentions it", summary="Nothing here.", body=f"{FILLER} Payroll is one example.", updated_days_ago=1)
    make_question("Answers it", summary="Nothing here.", body=FILLER, search_keywords="payroll", updated_days_ago=300)
    _, outcome = search("payroll")
    assert titles(outcome) == ["Answers it", "Mentions it"]


def test_a_title_match_still_beats_a_keyword_match(search, no_synonyms):
    make_question("Keyword only", summary="Nothing here.", body=FILLER, search_keywords="pension", updated_days_ago=1)
    make_question("Pension arrangements", summary="Nothing here.", body=FILLER, updated_days_ago=300)
    _, outcome = search("pension")
    assert titles(outcome) == ["Pension arrangements", "Keyword only"]


def test_keywords_are_never_shown_on_the_results_page(search, no_synonyms):
    make_question("Will people lose their jobs?", body=FILLER, search_keywords="made redundant\nsecret phrasing")
    response, outcome = search("redundant")
    assert titles(outcome) == ["Will people lose their jobs?"]
    assert b"secret phrasing" not in response.content


def test_a_misspelt_keyword_is_corrected_from_the_index_vocabulary(search, no_synonyms):
    make_question("Will people lose their jobs?", body=FILLER, search_keywords="redundancies")
    _, outcome = search("redundancis")
    assert titles(outcome) == ["Will people lose their jobs?"]


def test_changed_keywords_reach_search_only_when_the_change_is_published(search, no_synonyms):
    editor, publisher = make_editor(), make_publisher()
    live = make_question("Will people lose their jobs?", body=FILLER)
    draft = item_start_draft(live=live, user=editor)
    draft.search_keywords = "made redundant"
    draft.save()
    _, outcome = search("redundant")
    assert titles(outcome) == []
    item_submit_for_review(item=draft, user=editor)
    item_publish(item=draft, user=publisher)
    _, outcome = search("redundant")
    assert titles(outcome) == ["Will people lose their jobs?"]
