"""Whoever changed a page's words since it was last published may not publish it: the rule follows the
contributors, not whoever pressed Save last."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from faq.models import Question
from publishing import workflow
from publishing.models import Status
from tests.factories import make_editor, make_publisher, make_question, make_user

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


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
        "history_period": item.history_period,
        "review_due": "",
        "last_reviewed": "",
        "change_type": "minor",
        "change_note": "",
        "seen_version": item.version,
    }
    data.update(changes)
    return data


def change_url(item):
    return reverse("admin:faq_question_change", args=[item.pk])


def test_an_editor_saving_without_changing_anything_does_not_let_the_author_publish():
    publisher, editor = make_publisher(), make_editor()
    item = make_question(status=Status.DRAFT, publish_at=None, body="Words.")
    signed_in(publisher).post(change_url(item), form_data(item, body="The publisher's own words."))
    item.refresh_from_db()
    signed_in(editor).post(change_url(item), form_data(item))  # Save, changing nothing
    signed_in(editor).post(reverse("admin:faq_question_workflow", args=[item.pk, "submit"]))
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW and item.updated_by == editor
    with pytest.raises(workflow.WorkflowError, match="another publisher"):
        workflow.item_publish(item=item, user=publisher)
    assert not Question.objects.published().filter(pk=item.pk).exists()


def test_every_contributor_is_barred_and_another_publisher_may_publish():
    author, second, other = make_publisher("author"), make_editor("second"), make_publisher("other")
    item = make_question(status=Status.DRAFT, publish_at=None)
    for person, words in ((author, "First draft."), (second, "Second draft.")):
        item.body = words
        workflow.item_save_edit(item=item, user=person)
    workflow.item_submit_for_review(item=item, user=second)
    assert workflow.is_own_change(item, author) and workflow.is_own_change(item, second)
    live = workflow.item_publish(item=item, user=other)
    assert live.contributor_ids == [] and Question.objects.published().filter(pk=live.pk).exists()


def test_contributors_start_afresh_after_publication():
    author, other = make_publisher("author"), make_publisher("other")
    item = make_question(status=Status.DRAFT, publish_at=None)
    item.body = "Author's words."
    workflow.item_save_edit(item=item, user=author)
    workflow.item_submit_for_review(item=item, user=author)
    live = workflow.item_publish(item=item, user=other)
    # The other publisher corrects it: now only they are barred from publishing the correction.
    live.body = "Other's correction."
    draft, _ = workflow.item_save_edit(item=live, user=other)
    workflow.item_submit_for_review(item=draft, user=other)
    assert draft.contributor_ids == [other.pk]
    assert workflow.item_publish(item=draft, user=author).body == "Other's correction."


def test_a_superuser_may_publish_their_own_change_only_with_a_recorded_reason():
    boss = make_user("boss", superuser=True)
    item = make_question(status=Status.DRAFT, publish_at=None)
    item.body = "Urgent fix."
    workflow.item_save_edit(item=item, user=boss)
    workflow.item_submit_for_review(item=item, user=boss)
    with pytest.raises(workflow.WorkflowError, match="give a reason"):
        workflow.item_publish(item=item, user=boss)
    assert workflow.item_publish(item=item, user=boss, reason="Legal deadline today.").status == Status.PUBLISHED


def test_restoring_an_old_version_makes_the_restorer_a_contributor():
    editor, publisher = make_editor(), make_publisher()
    live = make_question(body="Live.")
    version = workflow.item_start_draft(live=live, user=editor)
    old = Version.objects.get_for_object(version).first()
    draft = workflow.item_restore_version(item=live, version=old, user=publisher)
    assert publisher.pk in draft.contributor_ids
