"""The admin index tells editors what needs them; change lists show workflow columns."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status
from tests.factories import make_editor, make_question
from tests.publishing.test_admin_editing import signed_in

pytestmark = pytest.mark.django_db


def test_admin_index_counts_items_awaiting_review_scheduled_and_overdue():
    make_question(status=Status.IN_REVIEW)
    make_question(status=Status.IN_REVIEW)
    make_question(publish_at=timezone.now() + datetime.timedelta(days=2))
    make_question(review_due=timezone.localdate() - datetime.timedelta(days=1))
    page = signed_in(make_editor()).get(reverse("admin:index")).content.decode()
    assert "What needs you" in page
    changelist = reverse("admin:faq_question_changelist")
    assert f'<a href="{changelist}?queue=review">2</a>' in page
    assert f'<a href="{changelist}?queue=scheduled">1</a>' in page
    assert f'<a href="{changelist}?queue=overdue">1</a>' in page


def test_change_list_filters_to_the_items_awaiting_review():
    waiting = make_question(status=Status.IN_REVIEW, title="Waiting for review?")
    make_question(title="Already published?")
    page = signed_in(make_editor()).get(reverse("admin:faq_question_changelist"), {"queue": "review"}).content.decode()
    assert waiting.title in page and "Already published?" not in page
    assert "In review" in page


def test_change_form_offers_to_make_a_shareable_preview_link():
    item = make_question(status=Status.DRAFT)
    page = signed_in(make_editor()).get(reverse("admin:faq_question_change", args=[item.pk])).content.decode()
    assert "Make a preview link" in page and 'id="preview-links-form"' in page
