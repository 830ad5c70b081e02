"""Filters by kind, audience and topic: alone, combined, with counts, kept across pages."""

import pytest

from tests.factories import make_guide, make_question, make_topic
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(no_synonyms):
    """Seven pages about pensions across kinds, audiences and topics, and one about something else."""
    hr, finance, estates = make_topic("HR"), make_topic("Finance"), make_topic("Estates")
    make_question("FAQ for everyone", body="pension", topics=[hr])
    make_question("FAQ for providers", body="pension", audience="providers", topics=[hr, finance])
    make_question("FAQ for customers", body="pension", audience="customers", topics=[finance])
    make_guide("Guide for everyone", body="pension", topics=[estates])
    make_guide("Guide for providers", body="pension", audience="providers", topics=[hr])
    make_guide("Guide for customers", body="pension", audience="customers")
    make_guide("Guide for customers on finance", body="pension", audience="customers", topics=[finance])
    make_guide("Unrelated guide", body="estates", topics=[estates])


def counts(options):
    return {option.value: option.count for option in options}


def test_without_filters_every_match_is_counted(search, library):
    _, outcome = search("pension")
    assert outcome.total == 7
    assert counts(outcome.kind_options) == {"faq": 3, "guidance": 4}
    assert counts(outcome.audience_options) == {"providers": 4, "customers": 5}
    assert counts(outcome.topic_options) == {"hr": 3, "finance": 3, "estates": 1}


def test_kind_filter(search, library):
    _, outcome = search("pension", kind="faq")
    assert sorted(titles(outcome)) == ["FAQ for customers", "FAQ for everyone", "FAQ for providers"]
    # The kind counts ignore the kind filter itself, so readers see what another tick would add.
    assert counts(outcome.kind_options) == {"faq": 3, "guidance": 4}
    assert counts(outcome.audience_options) == {"providers": 2, "customers": 2}
    assert counts(outcome.topic_options) == {"hr": 2, "finance": 2}


def test_audience_filter_includes_pages_for_everyone(search, library):
    _, outcome = search("pension", audience="providers")
    assert sorted(titles(outcome)) == [
        "FAQ for everyone",
        "FAQ for providers",
        "Guide for everyone",
        "Guide for providers",
    ]
    assert counts(outcome.kind_options) == {"faq": 2, "guidance": 2}
    assert counts(outcome.audience_options) == {"providers": 4, "customers": 5}


def test_topic_filter(search, library):
    _, outcome = search("pension", topic="finance")
    assert sorted(titles(outcome)) == ["FAQ for customers", "FAQ for providers", "Guide for customers on finance"]
    assert counts(outcome.topic_options) == {"hr": 3, "finance": 3, "estates": 1}
    assert counts(outcome.kind_options) == {"faq": 2, "guidance": 1}


def test_several_values_of_one_filter_match_any_of_them(search, library):
    _, outcome = search("pension", topic=["finance", "estates"])
    assert outcome.total == 4
    _, outcome = search("pension", audience=["providers", "customers"])
    assert outcome.total == 7


def test_kind_and_audience_combine(search, library):
    _, outcome = search("pension", kind="guidance", audience="customers")
    assert sorted(titles(outcome)) == ["Guide for customers", "Guide for customers on finance", "Guide for everyone"]
    assert counts(outcome.kind_options) == {"faq": 2, "guidance": 3}
    assert counts(outcome.audience_options) == {"providers": 2, "customers": 3}


def test_kind_and_topic_combine(search, library):
    _, outcome = search("pension", kind="faq", topic="hr")
    assert sorted(titles(outcome)) == ["FAQ for everyone", "FAQ for providers"]
    assert counts(outcome.topic_options) == {"hr": 2, "finance": 2}


def test_audience_and_topic_combine(search, library):
    _, outcome = search("pension", audience="customers", topic="finance")
    assert sorted(titles(outcome)) == ["FAQ for customers", "Guide for customers on finance"]


def test_all_three_filters_combine(search, library):
    _, outcome = search("pension", kind="guidance", audience="providers", topic="hr")
    assert titles(outcome) == ["Guide for providers"]
    assert outcome.total == 1


def test_filters_that_match_nothing_give_the_no_results_page(search, library):
    response, outcome = search("pension", kind="faq", topic="estates")
    assert outcome.total == 0
    html = response.content.decode()
    assert "with the filters you chose" in html and "removing the filters" in html
    # The chosen filter stays visible and ticked so it can be unticked.
    assert 'value="estates" checked' in html


def test_unknown_filter_values_are_ignored(search, library):
    _, outcome = search("pension", kind=["faq", "nonsense"], audience="aliens", topic="no-such-topic")
    assert outcome.total == 3
    assert not any(option.checked for option in outcome.audience_options)


def test_filters_without_words_list_every_matching_page_newest_first(search, library):
    _, outcome = search("", kind="faq")
    assert outcome.total == 3
    assert set(titles(outcome)) == {"FAQ for everyone", "FAQ for providers", "FAQ for customers"}


def test_filters_are_checkboxes_in_a_get_form_with_counts(search, library):
    response, _ = search("pension", kind="faq")
    html = response.content.decode()
    assert '<form action="/search/" method="get"' in html
    assert (
        'class="govuk-checkboxes__input" id="filter-kind-faq" name="kind" type="checkbox" value="faq" checked' in html
    )
    assert 'FAQ <span class="app-search-filters__count">(3' in html
    assert 'id="filter-audience-providers" name="audience" type="checkbox" value="providers">' in html
    assert "Clear filters" in html


def test_filters_and_query_survive_paging(search, no_synonyms):
    hr = make_topic("HR")
    for number in range(25):
        make_question(f"Pension question {number}", body="pension", topics=[hr], audience="providers")
    make_question("Not in the topic", body="pension")
    response, outcome = search("pension", topic="hr", audience="providers", page="2")
    assert outcome.total == 25 and outcome.page == 2 and len(outcome.results) == 10
    expected = "/search/?q=pension&amp;audience=providers&amp;topic=hr&amp;page=3"
    assert expected in response.content.decode()
    assert outcome.pagination.previous_url == "/search/?q=pension&audience=providers&topic=hr"
