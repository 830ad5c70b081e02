"""Editing in the Django admin: no edit is ever silently lost, and live pages change only through review."""

import pytest
from django.test import Client
from django.urls import reverse

from faq.models import Question
from publishing.models import Status
from tests.factories import make_editor, make_publisher, make_question

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(item):
    return reverse("admin:faq_question_change", args=[item.pk])


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
        "review_due": "",
        "last_reviewed": "",
        "change_type": "minor",
        "change_note": "",
        "seen_version": item.version,
    }
    data.update(changes)
    return data


def test_second_of_two_concurrent_saves_is_refused_naming_who_changed_it_and_keeping_the_text():
    alice, bob = make_editor("alice"), make_editor("bob")
    item = make_question(status=Status.DRAFT)
    alice_client, bob_client = signed_in(alice), signed_in(bob)
    # Both open the change form, so both forms carry the same version.
    assert alice_client.get(change_url(item)).status_code == 200
    assert bob_client.get(change_url(item)).status_code == 200
    first = alice_client.post(change_url(item), form_data(item, body="Alice's careful answer."))
    assert first.status_code == 302
    second = bob_client.post(change_url(item), form_data(item, body="Bob's different answer."))
    assert second.status_code == 200
    page = second.content.decode()
    assert "alice changed this item on" in page
    assert "have NOT been saved" in page
    assert "Bob&#x27;s different answer." in page
    saved = Question.objects.get(pk=item.pk)
    assert saved.body == "Alice's careful answer."
    assert saved.updated_by == alice


def test_each_save_bumps_the_version_so_a_fresh_form_can_save_again():
    alice = make_editor("alice")
    item = make_question(status=Status.DRAFT)
    client = signed_in(alice)
    client.post(change_url(item), form_data(item, body="First."))
    item.refresh_from_db()
    assert item.version == 2
    assert client.post(change_url(item), form_data(item, body="Second.")).status_code == 302
    assert Question.objects.get(pk=item.pk).body == "Second."


def test_editing_a_published_item_creates_a_draft_and_leaves_readers_page_alone():
    editor = make_editor()
    live = make_question(body="Published answer.")
    response = signed_in(editor).post(change_url(live), form_data(live, body="Proposed answer."))
    draft = Question.objects.get(draft_of=live)
    assert response.status_code == 302 and response["Location"] == change_url(draft)
    assert draft.status == Status.DRAFT and draft.body == "Proposed answer."
    live.refresh_from_db()
    assert live.body == "Published answer."
    assert Client().get(live.get_absolute_url()).content.decode().count("Published answer.") == 1


def test_a_second_draft_of_the_same_live_page_is_refused():
    editor = make_editor()
    live = make_question()
    client = signed_in(editor)
    client.post(change_url(live), form_data(live, body="Draft one."))
    live.refresh_from_db()
    response = client.post(change_url(live), form_data(live, body="Draft two."))
    assert response.status_code == 200
    assert "There is already a draft of this page" in response.content.decode()
    assert Question.objects.filter(draft_of=live).get().body == "Draft one."


def test_change_to_an_item_in_review_sends_it_back_to_draft():
    editor = make_editor()
    item = make_question(status=Status.IN_REVIEW)
    signed_in(editor).post(change_url(item), form_data(item, body="Changed during review."))
    assert Question.objects.get(pk=item.pk).status == Status.DRAFT


def test_editor_and_publisher_take_an_item_from_draft_to_published_in_the_admin():
    editor, publisher = make_editor(), make_publisher()
    item = make_question(status=Status.DRAFT, updated_by=editor, contributor_ids=[editor.pk])
    editor_client, publisher_client = signed_in(editor), signed_in(publisher)
    workflow = reverse("admin:faq_question_workflow", args=[item.pk, "submit"])
    assert editor_client.post(workflow).status_code == 302
    # The editor is offered no publish button; trying the URL anyway is refused.
    page = editor_client.get(change_url(item)).content.decode()
    assert "Send for review" not in page and "workflow/publish/" not in page
    refused = editor_client.post(reverse("admin:faq_question_workflow", args=[item.pk, "publish"]), {"when": "now"})
    assert refused.status_code == 403
    assert "Publish is not available to you: Only a publisher can do this." in refused.content.decode()
    published = publisher_client.post(
        reverse("admin:faq_question_workflow", args=[item.pk, "publish"]), {"when": "now"}, follow=True
    )
    assert "Published: readers can now see" in published.content.decode()
    assert Client().get(item.get_absolute_url()).status_code == 200


def test_publisher_is_told_they_cannot_publish_their_own_change():
    publisher = make_publisher()
    item = make_question(status=Status.IN_REVIEW, updated_by=publisher, contributor_ids=[publisher.pk])
    response = signed_in(publisher).post(reverse("admin:faq_question_workflow", args=[item.pk, "publish"]), follow=True)
    assert "another publisher must review and publish it" in response.content.decode()
    assert Question.objects.get(pk=item.pk).status == Status.IN_REVIEW


def test_anonymous_visitors_are_sent_to_sign_in():
    response = Client().get(reverse("admin:faq_question_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_unknown_workflow_action_is_a_404():
    publisher = make_publisher()
    item = make_question()
    assert (
        signed_in(publisher).get(reverse("admin:faq_question_workflow", args=[item.pk, "explode"])).status_code == 404
    )


def test_reordering_a_live_item_in_the_list_makes_a_draft_and_a_second_change_is_refused_not_a_crash():
    publisher = make_publisher()
    live = make_question(position=1)
    client = signed_in(publisher)
    changelist = reverse("admin:faq_question_changelist")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": live.pk,
        "form-0-position": "5",
        "form-0-featured": "",
        "_save": "Save",
    }
    assert client.post(changelist, data).status_code == 302
    assert Question.objects.get(pk=live.pk).position == 1
    assert Question.objects.get(draft_of=live).position == 5
    again = client.post(changelist, {**data, "form-0-position": "7"})
    assert again.status_code == 200
    assert "already has a draft" in again.content.decode()


def test_autocomplete_for_related_questions_never_offers_a_draft_copy():
    editor = make_editor()
    live = make_question(title="Findable live question?")
    make_question(status=Status.DRAFT, draft_of=live, slug=live.slug, title="Findable draft copy?")
    response = signed_in(editor).get(
        "/admin/autocomplete/",
        {"term": "Findable", "app_label": "faq", "model_name": "question", "field_name": "related"},
    )
    titles = [result["text"] for result in response.json()["results"]]
    assert titles == ["Findable live question?"]


def test_an_editor_keeps_the_words_readers_search_with_on_the_page_form_one_a_line():
    editor = make_editor("alice")
    item = make_question(status=Status.DRAFT)
    client = signed_in(editor)
    form = client.get(change_url(item)).content.decode()
    assert "How readers find it" in form
    assert "Words readers search with" in form
    response = client.post(change_url(item), form_data(item, search_keywords="made redundant\r\njob cuts"))
    assert response.status_code == 302
    assert Question.objects.get(pk=item.pk).search_keywords == "made redundant\njob cuts"
