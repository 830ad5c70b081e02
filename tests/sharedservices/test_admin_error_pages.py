"""Refusals inside the admin keep editors in the admin's layout; readers keep the reader layout."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from sharedservices.views import permission_denied
from tests.factories import make_editor, make_question
from tests.sharedservices.admin_pages import uses_admin_layout, uses_reader_layout

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


def test_a_refusal_in_the_admin_is_shown_in_the_admin_layout():
    item = make_question()
    client = Client()
    client.force_login(make_editor("erin"))
    response = client.get(f"/admin/faq/question/{item.pk}/delete/")
    assert response.status_code == 403
    html = response.content.decode()
    assert uses_admin_layout(html) and not uses_reader_layout(html)
    assert "You do not have permission to do that" in html
    # Still signed in, so the admin's own links are there to carry on working.
    assert 'id="user-tools"' in html and "/admin/" in html


def test_a_refusal_outside_the_admin_keeps_the_reader_layout(rf):
    request = rf.get("/faq/")
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert uses_reader_layout(html) and not uses_admin_layout(html)


def test_the_lock_out_page_is_in_the_admin_layout_and_says_how_long_and_whom_to_ask(client, settings):
    make_editor("erin")
    for _ in range(5):
        client.post("/admin/login/", {"username": "erin", "password": "wrong-password"})
    response = client.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert uses_admin_layout(html) and not uses_reader_layout(html)
    assert "Too many sign-in attempts" in html
    assert "locked for 1 hour" in html
    assert "administrator" in html and settings.TEAM_EMAIL in html


def test_the_lock_out_page_gives_the_configured_length(client, settings):
    settings.AXES_COOLOFF_TIME = 0.5
    make_editor("erin")
    for _ in range(5):
        client.post("/admin/login/", {"username": "erin", "password": "wrong-password"})
    response = client.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    assert response.status_code == 429
    assert "locked for 30 minutes" in response.content.decode()


def test_a_lock_out_outside_the_admin_keeps_the_reader_layout(rf, settings):
    from sharedservices.views import locked_out

    response = locked_out(rf.post("/feedback/"))
    assert response.status_code == 429
    html = response.content.decode()
    assert uses_reader_layout(html) and not uses_admin_layout(html)
    assert "locked for 1 hour" in html and settings.TEAM_EMAIL in html
