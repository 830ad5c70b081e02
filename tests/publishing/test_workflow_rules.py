"""The editorial workflow, with real users in the real groups."""

import datetime

import pytest
import reversion
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from faq.models import Question
from publishing.models import ChangeNote, ChangeType, Status, WorkflowEvent
from publishing.workflow import (
    WorkflowError,
    item_publish,
    item_return_to_draft,
    item_start_draft,
    item_submit_for_review,
    item_withdraw,
)
from tests.factories import make_editor, make_publisher, make_question, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    """A member of the Editors group."""
    return make_editor()


@pytest.fixture
def publisher():
    """A member of the Publishers group."""
    return make_publisher()


def draft_by(user, **fields):
    return make_question(status=Status.DRAFT, updated_by=user, contributor_ids=[user.pk], **fields)


def test_groups_and_their_permissions_exist_after_migrate(editor, publisher):
    assert editor.has_perm("faq.change_question") and editor.has_perm("faq.add_question")
    assert not editor.has_perm("faq.delete_question")
    assert not editor.has_perm("publishing.publish_content")
    assert publisher.has_perm("publishing.publish_content") and publisher.has_perm("faq.delete_question")


def test_editor_can_send_a_draft_for_review(editor):
    item = item_submit_for_review(item=draft_by(editor), user=editor)
    assert item.status == Status.IN_REVIEW
    assert WorkflowEvent.objects.filter(action="submitted", user=editor, object_id=item.pk).exists()


def test_editor_cannot_publish(editor):
    item = item_submit_for_review(item=draft_by(editor), user=editor)
    other = make_editor("editor2")
    with pytest.raises(PermissionDenied):
        item_publish(item=item, user=other)
    assert Question.objects.get(pk=item.pk).status == Status.IN_REVIEW


def test_publisher_cannot_publish_their_own_change(publisher):
    item = item_submit_for_review(item=draft_by(publisher), user=publisher)
    with pytest.raises(WorkflowError, match="another publisher"):
        item_publish(item=item, user=publisher)
    assert not Question.objects.published().filter(pk=item.pk).exists()


def test_second_publisher_publishes_an_editors_change(editor, publisher):
    item = item_submit_for_review(item=draft_by(editor), user=editor)
    live = item_publish(item=item, user=publisher)
    assert Question.objects.published().filter(pk=live.pk).exists()
    assert live.first_published_at is not None
    assert live.review_due == (live.publish_at + datetime.timedelta(days=182)).date()
    assert [n.note for n in live.public_change_history()] == ["First published."]


def test_superuser_may_publish_own_change_only_with_a_recorded_reason():
    boss = make_user("boss", superuser=True)
    item = item_submit_for_review(item=draft_by(boss), user=boss)
    with pytest.raises(WorkflowError, match="reason"):
        item_publish(item=item, user=boss)
    item_publish(item=item, user=boss, reason="Urgent correction agreed by the director")
    event = WorkflowEvent.objects.get(action="self_published", object_id=item.pk)
    assert event.note == "Urgent correction agreed by the director"


def test_only_items_in_review_can_be_published(editor, publisher):
    with pytest.raises(WorkflowError, match="review"):
        item_publish(item=draft_by(editor), user=publisher)


def test_item_can_be_returned_to_draft_from_review(editor, publisher):
    item = item_submit_for_review(item=draft_by(editor), user=editor)
    assert item_return_to_draft(item=item, user=publisher, note="Check the figures").status == Status.DRAFT


def test_major_change_needs_a_change_note(editor):
    item = draft_by(editor, change_type=ChangeType.MAJOR, change_note="")
    with pytest.raises(WorkflowError, match="change note"):
        item_submit_for_review(item=item, user=editor)


def publish_change(live, editor, publisher, **changes):
    draft = item_start_draft(live=live, user=editor)
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.updated_by = editor
    draft.save()
    item_submit_for_review(item=draft, user=editor)
    return item_publish(item=draft, user=publisher)


def test_major_change_moves_last_updated_and_adds_the_note(editor, publisher):
    live = make_question(updated_by=editor)
    before = live.last_major_change_at
    changed = publish_change(
        live, editor, publisher, body="New answer.", change_type=ChangeType.MAJOR, change_note="Added new figures."
    )
    assert changed.pk == live.pk
    assert changed.last_major_change_at > before
    assert "Added new figures." in [n.note for n in changed.public_change_history()]
    assert changed.body == "New answer."


def test_minor_change_leaves_last_updated_and_history_alone(editor, publisher):
    live = make_question(updated_by=editor)
    before = live.last_major_change_at
    notes_before = ChangeNote.objects.count()
    changed = publish_change(live, editor, publisher, body="Typo fixed.", change_type=ChangeType.MINOR)
    assert changed.last_major_change_at == before
    assert ChangeNote.objects.count() == notes_before
    assert changed.body == "Typo fixed."


def test_draft_of_a_live_item_is_invisible_until_published(editor, publisher):
    live = make_question(body="Original answer.")
    draft = item_start_draft(live=live, user=editor)
    draft.body = "Unreviewed answer."
    draft.save()
    assert list(Question.objects.published()) == [live]
    assert Question.objects.published().get().body == "Original answer."


def test_publishing_a_draft_removes_the_copy_and_keeps_the_live_id(editor, publisher):
    live = make_question()
    publish_change(live, editor, publisher, title="Renamed question?")
    assert Question.objects.count() == 1
    assert Question.objects.get().pk == live.pk
    assert Question.objects.get().title == "Renamed question?"


def test_withdraw_needs_a_publisher_and_a_reason(editor, publisher, caplog):
    live = make_question()
    with pytest.raises(PermissionDenied):
        item_withdraw(item=live, user=editor, reason="Out of date")
    assert "permission refused action=withdraw" in caplog.text and "user=editor" in caplog.text
    with pytest.raises(WorkflowError, match="reason"):
        item_withdraw(item=live, user=publisher, reason=" ")
    item_withdraw(item=live, user=publisher, reason="Replaced by newer guidance.")
    live.refresh_from_db()
    assert live.status == Status.WITHDRAWN and live.withdrawn_at is not None
    assert not Question.objects.published().filter(pk=live.pk).exists()


def test_withdrawn_item_can_be_published_again_through_a_draft(editor, publisher):
    live = make_question()
    item_withdraw(item=live, user=publisher, reason="Paused")
    republished = publish_change(live, editor, publisher, change_type=ChangeType.MAJOR, change_note="Reinstated.")
    assert republished.status == Status.PUBLISHED
    assert republished.withdrawal_reason == ""
    assert Question.objects.published().filter(pk=live.pk).exists()


def test_a_change_to_a_live_page_cannot_be_scheduled(editor, publisher):
    live = make_question()
    draft = item_start_draft(live=live, user=editor)
    item_submit_for_review(item=draft, user=editor)
    with pytest.raises(WorkflowError, match="cannot be scheduled"):
        item_publish(item=draft, user=publisher, publish_at=timezone.now() + datetime.timedelta(days=1))


def test_a_draft_saved_in_the_same_revision_as_its_live_page_can_be_published(editor, publisher):
    live = make_question(body="Live words.")
    draft = make_question(status=Status.IN_REVIEW, slug=live.slug, draft_of=live, body="Draft words.")
    with reversion.create_revision():
        reversion.add_to_revision(live)
        reversion.add_to_revision(draft)
    published = item_publish(item=draft, user=publisher)
    assert published.body == "Draft words."
    assert Version.objects.get_for_object(published).count() >= 2
