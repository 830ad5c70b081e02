"""Guidance pages stay short however many guides and related links there are."""

import pytest

from guidance.models import Guide
from publishing.models import Audience
from publishing.pagination import SHORTLIST_LENGTH
from tests.factories import make_guide, make_guides, make_question, make_stage
from tests.pagecheck import list_after

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [SHORTLIST_LENGTH, SHORTLIST_LENGTH + 1])
def test_guidance_index_shows_the_first_ten_guides_for_everyone_and_links_to_search_only_when_there_are_more(
    client, count
):
    make_guides(count, audience=Audience.EVERYONE)
    html = client.get("/guidance/").content.decode()
    assert html.count('class="app-card-list__item"') == SHORTLIST_LENGTH
    assert ('href="/search/?kind=guidance">Search all guidance</a>' in html) == (count > SHORTLIST_LENGTH)


def test_guide_page_lists_at_most_ten_of_each_kind_of_related_link(client):
    guide = make_guide("The guide", audience=Audience.CUSTOMERS)
    guides = make_guides(SHORTLIST_LENGTH + 2, audience=Audience.CUSTOMERS)
    questions = [make_question(f"Question {n:02}?") for n in range(SHORTLIST_LENGTH + 2)]
    stages = [make_stage(f"Stage {n:02}", position=n) for n in range(SHORTLIST_LENGTH + 2)]
    guide.related.set(guides)
    guide.related_questions.set(questions)
    guide.related_stages.set(stages)
    html = client.get(guide.get_absolute_url()).content.decode()
    expected_guides = [g.title for g in Guide.objects.filter(pk__in=[g.pk for g in guides]).most_useful_first()]
    assert list_after(html, "related-guides-heading") == expected_guides[:SHORTLIST_LENGTH]
    assert list_after(html, "related-questions-heading") == [q.title for q in questions[:SHORTLIST_LENGTH]]
    assert list_after(html, "related-stages-heading") == [s.title for s in stages[:SHORTLIST_LENGTH]]
