"""Editing stages in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_editor, make_stage
from toolkit.models import Stage

pytestmark = pytest.mark.django_db


def signed_in():
    client = Client()
    client.force_login(make_editor())
    return client


def test_changing_a_live_stage_position_from_the_list_makes_a_draft_and_a_second_change_is_refused():
    stage = make_stage("Vision", position=1)
    client = signed_in()
    url = reverse("admin:toolkit_stage_changelist")
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(stage.pk), "_save": "Save"}
    assert client.post(url, {**data, "form-0-position": "5"}).status_code == 302
    draft = Stage.objects.get(draft_of=stage)
    assert draft.position == 5 and Stage.objects.get(pk=stage.pk).position == 1
    response = client.post(url, {**data, "form-0-position": "6"})
    assert response.status_code == 200  # refused with a message (the wording is the publishing app's)
    assert Stage.objects.get(pk=draft.pk).position == 5


def test_stage_cannot_take_the_address_of_another_toolkit_page():
    client = signed_in()
    response = client.post(
        reverse("admin:toolkit_stage_add"),
        {
            "title": "Templates", "slug": "templates", "summary": "A stage.", "position": 7, "purpose": "Why.",
            "audience": "everyone", "owner": "Shared Services Team", "change_type": "minor",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "is already used by another toolkit page" in response.content.decode()
    assert not Stage.objects.exists()
