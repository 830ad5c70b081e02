"""Reader pages run a small, fixed number of queries however much content there is."""

import pytest

from guidance.selectors import GUIDES_SCANNED
from publishing.models import Audience
from publishing.pagination import SHORTLIST_LENGTH
from publishing.registry import content_models
from tests.factories import make_change_note, make_guide, make_guides, make_question, make_stage, make_topic
from tests.query_counts import lists_at_once

pytestmark = pytest.mark.django_db

KINDS = len(content_models())

# The most queries each page may run, with 10 guides or with 500.
MAX_QUERIES = {
    # the guides for everyone
    "/guidance/": 1,
    # the guides with their main topics, then the topics of those with none
    "/guidance/customers/": 2,
    "/guidance/providers/": 2,
    # the guide, its related guides, FAQ answers and stages at once, topics, change history
    "/guidance/<slug>/": 3 + lists_at_once(3),
    # the topic, then the first few of every kind of content at once
    "/topics/governance/": 1 + lists_at_once(KINDS),
    # change notes, then their items of every kind at once; featured questions; topics;
    # and a content type lookup when the cache is cold
    "/": 1 + 1 + 2 + 1,
}


@pytest.fixture(params=[10, 500], ids=["10 guides", "500 guides"])
def content(request):
    """n published guides spread over both audiences and everyone, on several topics, with FAQ answers and stages."""
    count = request.param
    governance, hr = make_topic("Governance", slug="governance"), make_topic("HR", slug="hr")
    guides = []
    for audience in (Audience.CUSTOMERS, Audience.PROVIDERS, Audience.EVERYONE):
        guides += make_guides(count // 3 + 1, audience=audience, topics=[governance, hr])
    questions = [make_question(f"Question {n}?", topics=[governance], featured=True) for n in range(8)]
    stages = [make_stage(f"Stage {n}", topics=[governance]) for n in range(3)]
    guide = make_guide("The guide", audience=Audience.CUSTOMERS, topics=[governance, hr], body="## A\n\n## B\n\n## C\n")
    guide.related.set(guides[:20])
    guide.related_questions.set(questions)
    guide.related_stages.set(stages)
    for note in range(4):
        make_change_note(guide, f"Major change {note}.", days_ago=note)
    make_change_note(questions[0], "Answer changed.", days_ago=0)
    make_change_note(stages[0], "Stage changed.", days_ago=0)
    return {"count": count, "guide": guide}


@pytest.mark.parametrize("path", list(MAX_QUERIES))
def test_reader_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, content, path):
    url = content["guide"].get_absolute_url() if path == "/guidance/<slug>/" else path
    with django_assert_max_num_queries(MAX_QUERIES[path]):
        response = client.get(url)
    assert response.status_code == 200


def test_audience_page_lists_each_guide_once_and_links_to_search_when_a_group_is_long(client, content):
    html = client.get("/guidance/customers/").content.decode()
    # Customer guides, guides for everyone and the one guide under test, all under one topic.
    readable = 2 * (content["count"] // 3 + 1) + 1
    assert html.count('class="app-card-list__item"') == min(readable, SHORTLIST_LENGTH)
    see_all = "/search/?kind=guidance&amp;audience=customers&amp;topic=governance"
    assert (see_all in html) == (readable > SHORTLIST_LENGTH)
    assert ("Search all guidance for customers" in html) == (readable > GUIDES_SCANNED)
