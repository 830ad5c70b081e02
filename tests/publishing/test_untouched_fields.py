"""Saving a form without touching a field records no change to it, whatever line endings the browser sends."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from faq.models import Question
from publishing.models import Status
from tests.factories import make_editor, make_question

pytestmark = pytest.mark.django_db


def form_data(item, **changes):
    data = {
        "title": item.title,
        "slug": item.slug,
        "summary": item.summary,
        "body": item.body,
        "category": item.category_id,
        "position": item.position,
        "audience": item.audience,
        "owner": item.owner,
        "history_period": "",
        "review_due": "",
        "last_reviewed": "",
        "change_type": "minor",
        "change_note": "",
        "seen_version": item.version,
    }
    data.update(changes)
    return data


def test_a_body_sent_back_with_windows_line_endings_and_no_final_newline_is_not_a_change():
    editor = make_editor()
    client = Client()
    client.force_login(editor)
    item = make_question(status=Status.DRAFT, publish_at=None, body="## Heading\n\nFirst line.\nSecond line.\n")
    as_a_browser_sends_it = "## Heading\r\n\r\nFirst line.\r\nSecond line."
    client.post(reverse("admin:faq_question_change", args=[item.pk]), form_data(item, body=as_a_browser_sends_it))
    saved = Question.objects.get(pk=item.pk)
    assert saved.body == "## Heading\n\nFirst line.\nSecond line."
    assert "\r" not in saved.body
    message = Version.objects.get_for_object(saved).first().revision.get_comment()
    assert "Body" not in message


def test_a_real_change_is_still_recorded_by_name():
    editor = make_editor()
    client = Client()
    client.force_login(editor)
    item = make_question(status=Status.DRAFT, publish_at=None, body="Old.")
    client.post(reverse("admin:faq_question_change", args=[item.pk]), form_data(item, body="New.\r\n"))
    message = Version.objects.get_for_object(Question.objects.get(pk=item.pk)).first().revision.get_comment()
    assert "Body" in message


def test_saving_stores_text_with_unix_line_endings_whatever_the_source():
    item = make_question(body="One.\r\nTwo.\r\n\r\n", status=Status.DRAFT, publish_at=None)
    item.refresh_from_db()
    assert item.body == "One.\nTwo."
