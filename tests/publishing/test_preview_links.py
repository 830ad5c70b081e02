"""Preview links: made on purpose, listed and revocable, tied to the version they were made for."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from faq.models import Question
from publishing import workflow
from publishing.models import PreviewLink, Status
from publishing.preview import preview_link_create, preview_link_revoke, preview_url
from tests.factories import make_editor, make_publisher, make_question

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_preview_link_shows_a_draft_with_a_banner_noindex_and_no_caching():
    item = make_question(status=Status.DRAFT, publish_at=None, body="Draft answer text.")
    response = Client().get(preview_url(preview_link_create(item=item, user=make_editor())))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview – not published" in page and "Draft answer text." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_unknown_or_tampered_link_is_404_and_says_what_to_do():
    item = make_question(status=Status.DRAFT, publish_at=None)
    link = preview_link_create(item=item, user=make_editor())
    response = Client().get(reverse("publishing:preview", args=[link.token[:-2] + "xy"]))
    assert response.status_code == 404
    assert "This preview link is not valid" in response.content.decode()
    assert "ask the person who sent it for a new one" in response.content.decode()


def test_an_expired_link_says_so_and_asks_for_a_new_one():
    item = make_question(status=Status.DRAFT, publish_at=None, body="Secret draft.")
    link = preview_link_create(item=item, user=make_editor())
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = Client().get(preview_url(link))
    page = response.content.decode()
    assert response.status_code == 410
    assert "This preview link has expired" in page and "for a new one" in page
    assert "Secret draft." not in page


def test_a_revoked_link_shows_nothing_of_the_page():
    item = make_question(status=Status.DRAFT, publish_at=None, body="Secret draft.")
    editor = make_editor()
    link = preview_link_create(item=item, user=editor)
    preview_link_revoke(link=link, user=editor)
    response = Client().get(preview_url(link))
    assert response.status_code == 410
    assert "cancelled" in response.content.decode() and "Secret draft." not in response.content.decode()


def test_a_link_says_plainly_when_the_page_has_changed_since_it_was_made():
    editor = make_editor()
    item = make_question(status=Status.DRAFT, publish_at=None, body="First words.")
    link = preview_link_create(item=item, user=editor)
    item.body = "Second words."
    workflow.item_save_edit(item=item, user=editor)
    response = Client().get(preview_url(link))
    page = response.content.decode()
    assert response.status_code == 410
    assert "This page has changed since the preview link was made" in page
    assert "First words." not in page and "Second words." not in page


def test_a_link_stops_showing_a_page_once_it_is_withdrawn():
    publisher, other = make_publisher("pat"), make_publisher("sam")
    item = make_question(title="Old advice?", body="Old words.")
    link = preview_link_create(item=item, user=publisher)
    workflow.item_withdraw(item=item, user=other, reason="Out of date.")
    page = Client().get(preview_url(link)).content.decode()
    assert "Old words." not in page and "has changed since" in page


def test_viewing_the_change_page_makes_no_link_and_making_one_is_a_deliberate_post():
    editor = make_editor()
    item = make_question(status=Status.DRAFT, publish_at=None)
    client = signed_in(editor)
    change = reverse("admin:faq_question_change", args=[item.pk])
    client.get(change)
    client.get(change)
    assert PreviewLink.objects.count() == 0
    links_url = reverse("admin:faq_question_preview_links", args=[item.pk])
    assert client.get(links_url).status_code == 405
    response = client.post(links_url, {"create": "1"}, follow=True)
    link = PreviewLink.objects.get()
    assert link.version == item.version and link.created_by == editor
    page = response.content.decode()
    assert link.token in page  # listed on the change page, with a way to cancel it
    assert f'name="revoke" value="{link.pk}"' in page


def test_an_editor_revokes_a_link_from_the_change_page():
    editor = make_editor()
    item = make_question(status=Status.DRAFT, publish_at=None)
    link = preview_link_create(item=item, user=editor)
    client = signed_in(editor)
    client.post(reverse("admin:faq_question_preview_links", args=[item.pk]), {"revoke": link.pk})
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == editor
    assert link.token not in client.get(reverse("admin:faq_question_change", args=[item.pk])).content.decode()


def test_view_on_site_for_a_draft_opens_its_preview_for_the_signed_in_editor():
    editor = make_editor()
    item = make_question(status=Status.DRAFT, publish_at=None, body="Not yet public.")
    client = signed_in(editor)
    page = client.get(reverse("admin:faq_question_change", args=[item.pk])).content.decode()
    preview = reverse("admin:faq_question_preview", args=[item.pk])
    assert f'href="{preview}"' in page
    response = client.get(preview)
    assert response.status_code == 200 and "Not yet public." in response.content.decode()
    assert Client().get(preview).status_code == 302  # signed-out: to the sign-in page
    assert Question.objects.get(pk=item.pk).status == Status.DRAFT
