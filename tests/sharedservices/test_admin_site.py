"""The admin site speaks plainly: sections named for what they hold, and the workflow log filtered by kind."""

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from faq.models import Question
from guidance.models import Guide
from publishing import registry
from publishing.models import WorkflowEvent
from tests.factories import make_editor
from tests.sharedservices.admin_pages import visible_text

pytestmark = pytest.mark.django_db

EVENTS = "/admin/publishing/workflowevent/"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser_client():
    """A client signed in as a superuser, who sees every section of the admin."""
    return signed_in(User.objects.create_superuser("root", password="correct-horse-battery-staple"))


def log_event(model, object_repr="An item"):
    return WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=1,
        object_repr=object_repr,
        action=WorkflowEvent.Action.PUBLISHED,
    )


def test_admin_home_names_the_sign_in_sections_in_plain_english(superuser_client):
    text = visible_text(superuser_client.get("/admin/").content.decode())
    assert "Sign-in records" in text and "Two-factor devices" in text
    assert "Axes" not in text and "otp_totp" not in text.lower()
    assert "Authenticator apps" in text and "Failed sign-ins" in text
    assert "TOTP" not in text and "Access attempt" not in text


def kind_filter_choices(response):
    changelist = response.context["cl"]
    for spec in changelist.filter_specs:
        if spec.title != "action":
            return [choice["display"] for choice in spec.choices(changelist)][1:]  # the first is "All"
    return []


def test_workflow_log_filter_offers_only_kinds_of_content(superuser_client):
    log_event(Question)
    response = superuser_client.get(EVENTS)
    assert response.status_code == 200
    assert kind_filter_choices(response) == [kind.label for kind in registry.kinds()]


def test_workflow_log_filtered_by_a_kind_shows_only_that_kind(superuser_client):
    log_event(Question, "A question?")
    log_event(Guide, "A guide")
    response = superuser_client.get(EVENTS, {"kind": "faq.question"})
    assert response.status_code == 200
    assert [event.object_repr for event in response.context["cl"].result_list] == ["A question?"]


@pytest.mark.parametrize("value", ["abc", "999999", "auth.user", "faq.question.x", "' or 1=1"])
def test_workflow_log_kind_filter_ignores_a_value_that_is_no_kind(superuser_client, value):
    log_event(Question)
    response = superuser_client.get(EVENTS, {"kind": value})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 1


def test_editors_do_not_see_the_workflow_log_or_sign_in_records():
    client = signed_in(make_editor("erin"))
    text = visible_text(client.get("/admin/").content.decode())
    assert "Workflow events" not in text and "Sign-in records" not in text
    assert client.get(EVENTS).status_code == 403
    assert client.get("/admin/axes/accessattempt/").status_code == 403
