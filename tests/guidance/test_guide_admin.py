"""Editors manage guides in the admin through the shared publishing workflow."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from guidance.models import Guide
from publishing.models import Audience, Status
from tests.factories import make_editor, make_guide, make_question, make_stage, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client():
    """A browser signed in as a member of the Editors group."""
    client = Client()
    client.force_login(make_editor())
    return client


def form_data(**changes):
    data = {
        "title": "A new guide",
        "slug": "a-new-guide",
        "summary": "What it is for.",
        "body": "Words.",
        "position": "1",
        "audience": Audience.CUSTOMERS,
        "owner": "Shared Services Team",
        "review_due": "",
        "last_reviewed": "",
        "change_type": "minor",
        "change_note": "",
        "seen_version": "",
    }
    data.update(changes)
    return data


def test_guide_list_shows_audience_and_position(editor_client):
    make_guide("Listed guide", audience=Audience.PROVIDERS, position=7)
    html = editor_client.get(reverse("admin:guidance_guide_changelist")).content.decode()
    assert "Listed guide" in html
    assert "Providers" in html
    assert 'name="form-0-position" value="7"' in html


def test_guide_form_offers_the_guide_fields_and_only_live_items_to_link_to(editor_client):
    live_question = make_question("Live question?")
    make_question("Draft copy?", slug=live_question.slug, draft_of=live_question, status=Status.DRAFT)
    make_stage("Design")
    html = editor_client.get(reverse("admin:guidance_guide_add")).content.decode()
    for name in ("position", "main_topic", "related", "related_questions", "related_stages", "topics"):
        assert f'name="{name}"' in html, name
    # Related answers are found by typing; the search offers live pages only.
    found = editor_client.get(
        "/admin/autocomplete/",
        {"term": "question", "app_label": "guidance", "model_name": "guide", "field_name": "related_questions"},
    ).json()["results"]
    assert [result["text"] for result in found] == ["Live question?"]


def test_editor_adds_a_guide_as_a_draft(editor_client):
    topic = make_topic("HR")
    response = editor_client.post(
        reverse("admin:guidance_guide_add"), form_data(topics=[topic.pk], main_topic=topic.pk)
    )
    assert response.status_code == 302
    guide = Guide.objects.get(slug="a-new-guide")
    assert guide.status == Status.DRAFT
    assert guide.main_topic == topic


@pytest.mark.parametrize("slug", ["providers", "customers"])
def test_guide_may_not_take_the_address_of_an_audience_page(editor_client, slug):
    response = editor_client.post(reverse("admin:guidance_guide_add"), form_data(slug=slug))
    assert response.status_code == 200
    assert "is the address of a guidance page" in response.content.decode()
    assert not Guide.objects.exists()


def test_main_topic_must_be_one_of_the_guides_topics(editor_client):
    hr, finance = make_topic("HR"), make_topic("Finance")
    response = editor_client.post(reverse("admin:guidance_guide_add"), form_data(topics=[hr.pk], main_topic=finance.pk))
    assert response.status_code == 200
    assert "Choose one of the guide&#x27;s topics" in response.content.decode()
    assert not Guide.objects.exists()


def list_form_data(client, changes):
    """The list page's position boxes as submitted, with changes given as {guide: new position}."""
    html = client.get(reverse("admin:guidance_guide_changelist")).content.decode()
    data = dict(re.findall(r'name="(form-[\w-]+)" value="([^"]*)"', html))
    data.update(re.findall(r'name="(form-[A-Z_]+)"[^>]*value="(\d+)"', html))
    for key, value in list(data.items()):
        for guide, position in changes.items():
            if key.endswith("-id") and value == str(guide.pk):
                data[key.replace("-id", "-position")] = str(position)
    return {**data, "_save": "Save"}


def test_changing_a_live_guides_position_in_the_list_makes_a_draft(editor_client):
    guide = make_guide("Live guide", position=1)
    response = editor_client.post(reverse("admin:guidance_guide_changelist"), list_form_data(editor_client, {guide: 4}))
    assert response.status_code == 302
    assert Guide.objects.get(pk=guide.pk).position == 1
    assert Guide.objects.get(draft_of=guide).position == 4


def test_changing_the_position_of_a_guide_that_already_has_a_draft_is_refused_clearly(editor_client):
    guide = make_guide("Live guide", position=1)
    make_guide("Its draft", slug=guide.slug, draft_of=guide, status=Status.DRAFT, position=1)
    response = editor_client.post(reverse("admin:guidance_guide_changelist"), list_form_data(editor_client, {guide: 4}))
    assert response.status_code == 200
    assert "This item already has a draft." in response.content.decode()
    assert Guide.objects.get(pk=guide.pk).position == 1
