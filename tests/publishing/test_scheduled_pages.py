"""Embargoes hold: a correction to a scheduled page keeps its go-live time, and cancelling a scheduled page
never shows its text to readers."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from faq.models import Question
from publishing import workflow
from publishing.models import ChangeNote, Status, WorkflowEvent
from tests.factories import make_editor, make_publisher, make_question

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def scheduled_page(publisher, editor, in_=HOUR, body="Embargoed words."):
    draft = make_question(status=Status.DRAFT, publish_at=None, body=body, contributor_ids=[editor.pk])
    workflow.item_submit_for_review(item=draft, user=editor)
    return workflow.item_publish(item=draft, user=publisher, publish_at=timezone.now() + in_)


def correction(page, editor, body):
    """An editor's change to the page, sent for review (it becomes the page's pending draft)."""
    page.body = body
    draft, became_draft = workflow.item_save_edit(item=page, user=editor)
    assert became_draft
    return workflow.item_submit_for_review(item=draft, user=editor)


def test_publishing_a_correction_to_a_scheduled_page_keeps_its_embargo():
    editor, publisher = make_editor(), make_publisher()
    page = scheduled_page(publisher, editor)
    go_live = page.publish_at
    draft = correction(Question.objects.get(pk=page.pk), editor, "Corrected embargoed words.")
    live = workflow.item_publish(item=draft, user=publisher)
    assert live.publish_at == go_live and live.is_scheduled
    assert live.body == "Corrected embargoed words."
    assert not Question.objects.published().filter(pk=page.pk).exists()
    assert Client().get(live.get_absolute_url()).status_code == 404


def test_a_publisher_may_deliberately_move_a_corrected_scheduled_page_to_another_time():
    editor, publisher = make_editor(), make_publisher()
    page = scheduled_page(publisher, editor)
    later = timezone.now() + 3 * HOUR
    draft = correction(Question.objects.get(pk=page.pk), editor, "Corrected.")
    live = workflow.item_publish(item=draft, user=publisher, publish_at=later)
    assert live.publish_at == later and live.first_published_at == later
    assert [note.changed_at for note in live.public_change_history()] == [later]


def test_the_publish_form_for_a_correction_names_the_embargo_and_keeps_it_by_default():
    editor, publisher = make_editor(), make_publisher()
    page = scheduled_page(publisher, editor)
    draft = correction(Question.objects.get(pk=page.pk), editor, "Corrected.")
    url = reverse("admin:faq_question_workflow", args=[draft.pk, "publish"])
    client = signed_in(publisher)
    form_page = client.get(url).content.decode()
    assert "This page is scheduled to go live on" in form_page
    keep = re.search(r'<input[^>]*value="keep"[^>]*>', form_page).group(0)
    assert "checked" in keep
    client.post(url, {"when": "keep"})
    assert Question.objects.get(pk=page.pk).publish_at == page.publish_at
    assert not Question.objects.published().filter(pk=page.pk).exists()


def test_a_change_to_a_page_readers_already_see_still_cannot_be_scheduled():
    editor, publisher = make_editor(), make_publisher()
    live = make_question(body="Live words.")
    draft = correction(live, editor, "New words.")
    with pytest.raises(workflow.WorkflowError, match="cannot be scheduled"):
        workflow.item_publish(item=draft, user=publisher, publish_at=timezone.now() + HOUR)


def test_a_scheduled_page_cannot_be_withdrawn_and_is_offered_unschedule_and_reschedule_instead():
    editor, publisher = make_editor(), make_publisher("pat")
    page = scheduled_page(publisher, editor)
    with pytest.raises(workflow.WorkflowError, match="Unschedule it instead"):
        workflow.item_withdraw(item=page, user=make_publisher("sam"), reason="Cancelled.")
    offered = [choice.name for choice in workflow.action_choices(page, publisher)]
    assert offered == ["reschedule", "unschedule"]


def test_unscheduling_never_shows_the_embargoed_text_even_after_the_go_live_time_passes():
    editor, publisher = make_editor(), make_publisher()
    page = scheduled_page(publisher, editor, body="Embargoed words.")
    unscheduled = workflow.item_unschedule(item=page, user=publisher)
    assert unscheduled.status == Status.DRAFT and unscheduled.publish_at is None
    assert unscheduled.first_published_at is None
    assert not ChangeNote.objects.filter(object_id=page.pk).exists()
    assert WorkflowEvent.objects.filter(object_id=page.pk, action=WorkflowEvent.Action.UNSCHEDULED).exists()
    # Even when the original go-live time has passed, readers get nothing.
    later = timezone.now() + 2 * HOUR
    assert not Question.objects.reachable(later).filter(pk=page.pk).exists()
    assert Client().get(page.get_absolute_url()).status_code == 404


def test_a_page_withdrawn_before_it_went_live_never_shows_its_text():
    # Data from before withdrawal of scheduled pages was refused: withdrawn while still embargoed.
    now = timezone.now()
    page = make_question(
        status=Status.WITHDRAWN, publish_at=now + HOUR, withdrawn_at=now, body="Embargoed words.", slug="early"
    )
    assert not Question.objects.reachable(now + 2 * HOUR).filter(pk=page.pk).exists()


def test_rescheduling_moves_the_go_live_time_and_its_public_dates():
    editor, publisher = make_editor(), make_publisher()
    page = scheduled_page(publisher, editor)
    later = timezone.now() + 5 * HOUR
    moved = workflow.item_reschedule(item=page, user=publisher, publish_at=later)
    assert moved.publish_at == later and moved.first_published_at == later and moved.is_scheduled
    assert [note.changed_at for note in moved.public_change_history()] == [later]


def test_rescheduling_to_a_time_that_has_passed_publishes_now():
    editor, publisher = make_editor(), make_publisher()
    page = scheduled_page(publisher, editor)
    moved = workflow.item_reschedule(item=page, user=publisher, publish_at=timezone.now() - HOUR)
    assert Question.objects.published().filter(pk=moved.pk).exists()


def test_only_publishers_may_unschedule_or_reschedule():
    editor, publisher = make_editor(), make_publisher()
    page = scheduled_page(publisher, editor)
    with pytest.raises(workflow.PermissionDenied):
        workflow.item_unschedule(item=page, user=editor)
    with pytest.raises(workflow.PermissionDenied):
        workflow.item_reschedule(item=page, user=editor, publish_at=timezone.now() + HOUR)


def test_unschedule_from_the_admin_tells_the_publisher_readers_never_saw_it():
    editor, publisher = make_editor(), make_publisher()
    page = scheduled_page(publisher, editor)
    response = signed_in(publisher).post(
        reverse("admin:faq_question_workflow", args=[page.pk, "unschedule"]), follow=True
    )
    assert "Unscheduled:" in response.content.decode() and "Readers never saw it." in response.content.decode()
