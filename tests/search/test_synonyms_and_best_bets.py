"""Editors' synonyms widen a search; their best bets come first."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from publishing.models import Status
from publishing.workflow import item_withdraw
from search.models import BestBet, Synonym
from tests.factories import make_guide, make_publisher, make_question
from tests.search.helpers import ensure_default_synonyms, titles

pytestmark = pytest.mark.django_db


def test_default_synonyms_are_seeded_by_migration():
    Synonym.objects.all().delete()
    ensure_default_synonyms()
    terms = [synonym.term_list() for synonym in Synonym.objects.all()]
    assert ["hr", "human resources", "personnel"] in terms
    assert any("shared service centre" in group and "ssc" in group for group in terms)
    assert any("redundancy" in group and "job losses" in group for group in terms)


def test_an_abbreviation_finds_the_full_name(search, no_synonyms):
    Synonym.objects.create(terms="HR, human resources")
    make_guide("Human resources in a shared service", body="Pay and recruitment.")
    make_guide("Finance", body="Accounts payable.")
    _, outcome = search("HR")
    assert titles(outcome) == ["Human resources in a shared service"]


def test_the_full_name_finds_the_abbreviation(search, no_synonyms):
    Synonym.objects.create(terms="SSC, shared service centre")
    make_guide("Choosing an SSC", body="Scale matters.")
    _, outcome = search("shared service centre")
    assert titles(outcome) == ["Choosing an SSC"]


def test_a_plain_question_finds_the_answer_through_a_synonym(search, no_synonyms):
    Synonym.objects.create(terms="redundancy, job losses, lose my job")
    make_question("Will there be redundancies?", summary="Redundancy is not the aim.", body="No compulsory redundancy.")
    make_question("Offshoring", body="Work stays in the country.")
    _, outcome = search("will I lose my job")
    assert titles(outcome) == ["Will there be redundancies?"]


def test_synonyms_combine_with_the_other_words(search, no_synonyms):
    Synonym.objects.create(terms="buying, procurement")
    make_guide("Procurement in central government", body="Central rules.")
    make_guide("Procurement in local government", body="Local rules.")
    _, outcome = search("buying central")
    assert titles(outcome) == ["Procurement in central government", "Procurement in local government"]


def test_without_the_synonym_the_search_finds_nothing(search, no_synonyms):
    make_guide("Procurement in central government", body="Central rules.")
    _, outcome = search("buying")
    assert titles(outcome) == []


def test_a_synonym_change_applies_to_the_next_search(search, no_synonyms):
    make_guide("Procurement in central government", body="Central rules.")
    assert titles(search("buying")[1]) == []
    synonym = Synonym.objects.create(terms="buying, procurement")
    assert titles(search("buying")[1]) == ["Procurement in central government"]
    synonym.terms = "buying, purchasing"
    synonym.save()
    assert titles(search("buying")[1]) == []
    synonym.delete()
    Synonym.objects.create(terms="buying, procurement")
    assert titles(search("buying")[1]) == ["Procurement in central government"], "the same rows, the same table"


@pytest.fixture
def answer():
    """A published answer about jobs and a few other pages that mention jobs."""
    make_guide("Jobs in shared services", body="Jobs jobs jobs.", updated_days_ago=1)
    make_question("Recruitment", body="Jobs are advertised.")
    return make_question("Will people lose their jobs?", body="Not necessarily.", updated_days_ago=400)


def bet_for(item, queries="jobs"):
    return BestBet.objects.create(
        queries=queries, content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    )


def test_a_best_bet_is_shown_first(search, answer):
    bet_for(answer, "jobs\nredundancy")
    response, outcome = search("Jobs!")
    assert [bet.title for bet in outcome.best_bets] == ["Will people lose their jobs?"]
    html = response.content.decode()
    assert html.index("Will people lose their jobs?") < html.index("Jobs in shared services")
    assert "Recommended" in html


def test_a_best_bet_needs_the_whole_query_to_match(search, answer):
    bet_for(answer, "jobs")
    assert search("jobs recruitment")[1].best_bets == []


def test_a_best_bet_can_point_at_any_page_by_address(search, answer):
    BestBet.objects.create(
        queries="templates", url="/toolkit/templates/", title="All templates", description="Every one."
    )
    _, outcome = search("templates")
    assert [(bet.url, bet.title) for bet in outcome.best_bets] == [("/toolkit/templates/", "All templates")]


def test_a_best_bet_for_a_withdrawn_page_is_not_shown(search, answer):
    bet_for(answer)
    item_withdraw(item=answer, user=make_publisher("bet-publisher"), reason="Replaced.")
    assert search("jobs")[1].best_bets == []


def test_a_best_bet_for_a_scheduled_page_is_not_shown_early(search):
    future = make_question("Coming soon", publish_at=timezone.now() + datetime.timedelta(days=2))
    bet_for(future, "soon")
    assert search("soon")[1].best_bets == []


def test_an_inactive_best_bet_is_not_shown(search, answer):
    bet = bet_for(answer)
    bet.active = False
    bet.save()
    assert search("jobs")[1].best_bets == []


def test_a_best_bet_for_a_draft_is_not_shown(search):
    draft = make_question("Draft answer", status=Status.DRAFT)
    bet_for(draft, "draft")
    assert search("draft")[1].best_bets == []


def test_best_bets_show_on_the_first_page_only(search, answer):
    for number in range(12):
        make_question(f"Jobs question {number}", body="jobs")
    bet_for(answer)
    assert search("jobs", page="2")[1].best_bets == []
