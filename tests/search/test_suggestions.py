"""'Did you mean …' from pg_trgm: PostgreSQL only; SQLite searches simply offer none."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from publishing.models import Status
from tests.factories import make_guide, make_question
from tests.search.helpers import postgres_only, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement_pages(no_synonyms):
    """Pages about procurement, governance and outsourcing."""
    make_guide("Working with the supplier market", body="Procurement rules and the supplier market.")
    make_guide("Governance", body="Programme governance and assurance.")
    make_question("Is it outsourcing?", body="Outsourcing is different.")


@postgres_only
def test_a_misspelt_word_gets_a_suggestion(search, procurement_pages):
    response, outcome = search("goverance")
    assert outcome.total == 0
    assert outcome.suggestion == "governance"
    html = response.content.decode()
    assert 'Did you mean <a class="govuk-link" href="/search/?q=governance">governance</a>?' in html


@postgres_only
def test_the_suggestion_keeps_the_other_words_as_typed(search, procurement_pages):
    _, outcome = search("HR finance procurment")
    assert outcome.suggestion == "HR finance procurement"


@postgres_only
def test_a_suggestion_is_offered_even_when_stemming_already_found_results(search, procurement_pages):
    # 'procurment' and 'procurement' share a stem, so results come back, but the spelling is still wrong.
    _, outcome = search("procurment")
    assert titles(outcome) == ["Working with the supplier market"]
    assert outcome.suggestion == "procurement"


@postgres_only
def test_correctly_spelt_words_get_no_suggestion(search, procurement_pages):
    assert search("procurement governance")[1].suggestion == ""


@postgres_only
def test_another_form_of_a_word_in_the_text_is_not_called_a_misspelling(search, procurement_pages):
    # The text has 'rules'; 'rule' is a right word, not a typo.
    assert search("rule")[1].suggestion == ""


@postgres_only
def test_gibberish_gets_no_suggestion(search, procurement_pages):
    assert search("xqzvbn")[1].suggestion == ""


@postgres_only
def test_a_word_only_an_unreadable_page_uses_is_never_suggested(search, no_synonyms):
    make_question("Pensions", status=Status.DRAFT, body="Superannuation.")
    make_guide("Coming soon", body="Superannuation.", publish_at=timezone.now() + datetime.timedelta(days=1))
    make_guide("Withdrawn", body="Superannuation.", status=Status.WITHDRAWN)
    assert search("superanuation")[1].suggestion == ""


@postgres_only
def test_the_suggestion_is_escaped(search, procurement_pages):
    response, outcome = search("<b>goverance</b>")
    assert outcome.suggestion == "<b>governance</b>"
    html = response.content.decode()
    assert "&lt;b&gt;governance&lt;/b&gt;" in html
    assert "<b>governance" not in html


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the SQLite behaviour")
def test_sqlite_offers_no_suggestions_but_still_searches(search, procurement_pages):
    _, outcome = search("procurment")
    assert outcome.suggestion == ""
    assert titles(outcome) == ["Working with the supplier market"]
