"""Readers never see a draft, in-review, future-scheduled or withdrawn guide wherever guides are listed."""

import datetime

import pytest
from django.utils import timezone

from publishing.models import Audience, Status
from tests.factories import make_change_note, make_guide, make_topic

pytestmark = pytest.mark.django_db


def hidden_fields(state):
    if state == "scheduled":
        return {"status": Status.PUBLISHED, "publish_at": timezone.now() + datetime.timedelta(days=2)}
    return {"status": {"draft": Status.DRAFT, "in review": Status.IN_REVIEW, "withdrawn": Status.WITHDRAWN}[state]}


@pytest.fixture(params=["draft", "in review", "scheduled", "withdrawn"])
def hidden_guide(request):
    """A guide for everyone, on a topic, with a recent change note, that readers must not see listed."""
    topic = make_topic("Governance", slug="governance")
    fields = hidden_fields(request.param)
    guide = make_guide("Hidden guide title", audience=Audience.EVERYONE, topics=[topic], **fields)
    make_change_note(guide, "Hidden change note.", days_ago=0)
    return guide


@pytest.mark.parametrize("path", ["/guidance/", "/guidance/customers/", "/guidance/providers/", "/topics/governance/"])
def test_hidden_guide_is_not_listed(client, html_of, hidden_guide, path):
    assert "Hidden guide title" not in html_of(client, path)


def test_hidden_guide_is_not_among_the_home_page_updates(client, html_of, hidden_guide):
    html = html_of(client, "/")
    assert "Hidden guide title" not in html
    assert "Hidden change note." not in html


def test_pending_draft_of_a_live_guide_is_not_listed_but_the_live_guide_is(client, html_of):
    live = make_guide("Live title", audience=Audience.CUSTOMERS)
    make_guide("Draft title", audience=Audience.CUSTOMERS, slug=live.slug, draft_of=live, status=Status.DRAFT)
    html = html_of(client, "/guidance/customers/")
    assert "Live title" in html
    assert "Draft title" not in html
