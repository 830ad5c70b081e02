"""Publishers read the workflow log and the sign-in records but change nothing; superusers keep full access."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from faq.models import Question
from publishing.models import WorkflowEvent
from tests.factories import make_editor, make_publisher

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
SIGN_IN_RECORDS = [
    (AccessAttempt, "/admin/axes/accessattempt/"),
    (AccessLog, "/admin/axes/accesslog/"),
]


@pytest.fixture
def records():
    """A failed sign-in, a successful one and a workflow event: one row in every audit list."""
    make_editor("erin")
    make_editor("ann")
    Client().post("/admin/login/", {"username": "erin", "password": "wrong-password"})
    Client().post("/admin/login/", {"username": "ann", "password": PASSWORD})
    event = WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Question),
        object_id=1,
        object_repr="A question?",
        action=WorkflowEvent.Action.PUBLISHED,
    )
    rows = {"/admin/publishing/workflowevent/": event}
    rows.update({url: model.objects.get() for model, url in SIGN_IN_RECORDS})
    return rows


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_publishers_read_every_audit_list_and_record(records):
    client = signed_in(make_publisher("pat"))
    for url, row in records.items():
        listing = client.get(url)
        assert listing.status_code == 200, url
        assert f"{url}{row.pk}/change/" in listing.content.decode()
        detail = client.get(f"{url}{row.pk}/change/")
        assert detail.status_code == 200, url
        assert 'name="_save"' not in detail.content.decode()


def test_publishers_cannot_add_change_or_delete_audit_records(records):
    client = signed_in(make_publisher("pat"))
    for url, row in records.items():
        assert client.get(f"{url}add/").status_code == 403, url
        assert client.post(f"{url}{row.pk}/delete/", {"post": "yes"}).status_code == 403, url
        assert client.post(f"{url}{row.pk}/change/", {}).status_code == 403, url
        assert type(row).objects.filter(pk=row.pk).exists()


def test_publishers_get_no_bulk_actions_on_sign_in_records(records):
    client = signed_in(make_publisher("pat"))
    for _, url in SIGN_IN_RECORDS:
        listing = client.get(url)
        assert listing.status_code == 200, url
        assert 'name="action"' not in listing.content.decode(), url
        refused = client.post(url, {"action": "cleanup_expired_attempts", "_selected_action": ["1"]})
        assert refused.status_code in (200, 302, 403)
    assert AccessAttempt.objects.count() == 1


def test_editors_see_neither_the_workflow_log_nor_the_sign_in_records(records):
    client = signed_in(make_editor("eve"))
    for url in records:
        assert client.get(url).status_code == 403, url


def test_superusers_can_still_clear_a_failed_sign_in_record(records):
    client = signed_in(User.objects.create_superuser("root", password=PASSWORD))
    attempt = records["/admin/axes/accessattempt/"]
    assert client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_no_list_is_offered_for_failures_that_are_not_recorded(settings):
    # django-axes keeps a separate failure log only when asked to; failures are counted in the attempts list.
    assert settings.AXES_ENABLE_ACCESS_FAILURE_LOG is False
    client = signed_in(User.objects.create_superuser("root", password=PASSWORD))
    assert "/admin/axes/accessfailurelog/" not in client.get("/admin/").content.decode()
