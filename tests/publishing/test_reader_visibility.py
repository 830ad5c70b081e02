"""Readers see only what .published() returns; previews, schedules, withdrawals and moved pages."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from faq.models import Question
from publishing.models import SlugRedirect, Status
from publishing.signals import content_changed
from publishing.workflow import item_publish, item_submit_for_review, item_withdraw
from tests.factories import make_editor, make_publisher, make_question

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_unpublished_items_are_404_and_absent_from_lists(client, status):
    item = make_question(status=status, title="Secret draft question?")
    assert client.get(reverse("faq:detail", args=[item.slug])).status_code == 404
    assert "Secret draft question?" not in client.get(reverse("faq:index")).content.decode()


def test_draft_copy_of_a_live_page_cannot_be_reached_by_its_slug(client):
    live = make_question(slug="live-page", body="Live words.")
    make_question(status=Status.DRAFT, slug="live-page", draft_of=live, body="Draft words.")
    page = client.get(reverse("faq:detail", args=["live-page"])).content.decode()
    assert "Live words." in page and "Draft words." not in page


def test_scheduled_item_is_hidden_before_its_time_and_visible_after(client):
    editor, publisher = make_editor(), make_publisher()
    item = make_question(status=Status.DRAFT, updated_by=editor, title="Scheduled question?")
    item_submit_for_review(item=item, user=editor)
    future = timezone.now() + datetime.timedelta(hours=1)
    item_publish(item=item, user=publisher, publish_at=future)
    url = reverse("faq:detail", args=[item.slug])
    assert client.get(url).status_code == 404
    assert "Scheduled question?" not in client.get(reverse("faq:index")).content.decode()
    assert not Question.objects.published().filter(pk=item.pk).exists()
    assert Question.objects.published(now=future + datetime.timedelta(seconds=1)).filter(pk=item.pk).exists()
    # Its time comes: no job needs to run for readers to see it.
    Question.objects.filter(pk=item.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(url).status_code == 200


def test_publish_scheduled_does_the_follow_up_once_per_item():
    editor, publisher = make_editor(), make_publisher()
    item = make_question(status=Status.DRAFT, updated_by=editor)
    item_submit_for_review(item=item, user=editor)
    item_publish(item=item, user=publisher, publish_at=timezone.now() + datetime.timedelta(minutes=5))
    seen = []

    def record(sender, instance, action, **kwargs):
        seen.append((instance.pk, action))

    content_changed.connect(record)
    try:
        call_command("publish_scheduled")
        assert seen == []
        Question.objects.filter(pk=item.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
        call_command("publish_scheduled")
        call_command("publish_scheduled")
    finally:
        content_changed.disconnect(record)
    assert seen == [(item.pk, "published")]


def test_withdrawn_item_shows_notice_date_and_reason_and_leaves_lists(client):
    publisher = make_publisher()
    item = make_question(title="Old advice?")
    item_withdraw(item=item, user=publisher, reason="This advice has been replaced by the toolkit.")
    page = client.get(reverse("faq:detail", args=[item.slug])).content.decode()
    assert "This page was withdrawn on" in page
    assert "This advice has been replaced by the toolkit." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Old advice?" not in client.get(reverse("faq:index")).content.decode()


def test_old_slug_redirects_permanently_after_a_slug_change(client):
    editor, publisher = make_editor(), make_publisher()
    live = make_question(slug="old-address")
    from publishing.workflow import item_start_draft

    draft = item_start_draft(live=live, user=editor)
    draft.slug = "new-address"
    draft.updated_by = editor
    draft.save()
    item_submit_for_review(item=draft, user=editor)
    item_publish(item=draft, user=publisher)
    response = client.get("/faq/old-address/")
    assert response.status_code == 301 and response["Location"] == "/faq/new-address/"
    assert client.get("/faq/new-address/").status_code == 200
    assert SlugRedirect.objects.filter(old_slug="old-address").exists()


def test_unknown_slug_is_404(client):
    assert client.get("/faq/no-such-question/").status_code == 404
