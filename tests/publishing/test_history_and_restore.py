"""Every save is kept; versions can be compared and restored as drafts; deletions can be recovered."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from faq.models import Question
from publishing.models import Status
from tests.factories import make_editor, make_publisher, make_question
from tests.publishing.test_admin_editing import change_url, form_data, signed_in

pytestmark = pytest.mark.django_db


def edit_twice(client, item):
    client.post(change_url(item), form_data(item, body="Version two body."))
    item.refresh_from_db()
    client.post(change_url(item), form_data(item, body="Version three body.", title="Retitled?"))
    item.refresh_from_db()
    return item


def test_every_save_is_kept_with_who_when_and_status():
    editor = make_editor()
    item = make_question(status=Status.DRAFT)
    client = signed_in(editor)
    edit_twice(client, item)
    versions = Version.objects.get_for_object(item)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {editor}
    page = client.get(reverse("admin:faq_question_history", args=[item.pk])).content.decode()
    assert page.count("Restore as draft") == 2
    assert "Draft" in page and "editor" in page


def test_two_versions_compare_field_by_field():
    editor = make_editor()
    item = make_question(status=Status.DRAFT)
    client = signed_in(editor)
    edit_twice(client, item)
    newer, older = Version.objects.get_for_object(item)
    page = client.get(
        reverse("admin:faq_question_compare", args=[item.pk]), {"from": older.pk, "to": newer.pk}
    ).content.decode()
    assert "Title" in page and "Retitled?" in page
    assert "Version two body." in page and "Version three body." in page


def test_compare_without_two_versions_chosen_returns_to_history_with_a_message():
    editor = make_editor()
    item = make_question(status=Status.DRAFT)
    response = signed_in(editor).get(reverse("admin:faq_question_compare", args=[item.pk]), {"from": "x"}, follow=True)
    assert "Choose two versions to compare" in response.content.decode()


def test_restoring_an_old_version_of_a_live_item_makes_a_draft_and_overwrites_nothing():
    editor, publisher = make_editor(), make_publisher()
    live = make_question(body="Original.")
    client = signed_in(publisher)
    # Two published changes, each written by the editor and published by the publisher, give the live item a history.
    for body in ("Second.", "Third."):
        signed_in(editor).post(change_url(live), form_data(live, body=body))
        draft = Question.objects.get(draft_of=live)
        signed_in(editor).post(reverse("admin:faq_question_workflow", args=[draft.pk, "submit"]))
        client.post(reverse("admin:faq_question_workflow", args=[draft.pk, "publish"]), {"when": "now"})
        live.refresh_from_db()
    assert live.body == "Third."
    second = next(v for v in Version.objects.get_for_object(live) if v.field_dict["body"] == "Second.")
    restore = reverse("admin:faq_question_revision", args=[live.pk, second.pk])
    assert "Restore as a draft" in client.get(restore).content.decode()
    client.post(restore)
    live.refresh_from_db()
    assert live.body == "Third."
    restored = Question.objects.get(draft_of=live)
    assert restored.body == "Second." and restored.status == Status.DRAFT
    assert Question.objects.published().get(pk=live.pk).body == "Third."


def test_restoring_a_draft_version_keeps_the_current_text_in_history():
    editor = make_editor()
    item = make_question(status=Status.DRAFT)
    client = signed_in(editor)
    edit_twice(client, item)
    oldest = list(Version.objects.get_for_object(item))[-1]
    client.post(reverse("admin:faq_question_revision", args=[item.pk, oldest.pk]))
    item.refresh_from_db()
    assert item.body == "Version two body."
    assert any(v.field_dict["body"] == "Version three body." for v in Version.objects.get_for_object(item))


def test_deleted_item_can_be_recovered_as_a_draft():
    editor, publisher = make_editor(), make_publisher()
    item = make_question(status=Status.DRAFT)
    signed_in(editor).post(change_url(item), form_data(item, body="Worth keeping."))
    client = signed_in(publisher)
    assert client.post(reverse("admin:faq_question_delete", args=[item.pk]), {"post": "yes"}).status_code == 302
    assert not Question.objects.filter(pk=item.pk).exists()
    recover_list = client.get(reverse("admin:faq_question_recoverlist")).content.decode()
    assert item.title in recover_list
    version = Version.objects.get_deleted(Question).first()
    client.post(reverse("admin:faq_question_recover", args=[version.pk]))
    recovered = Question.objects.get(pk=item.pk)
    assert recovered.body == "Worth keeping." and recovered.status == Status.DRAFT


def test_editors_cannot_delete():
    editor = make_editor()
    item = make_question()
    assert (
        signed_in(editor).post(reverse("admin:faq_question_delete", args=[item.pk]), {"post": "yes"}).status_code == 403
    )
    assert Question.objects.filter(pk=item.pk).exists()
    assert Client().get(item.get_absolute_url()).status_code == 200


def test_a_short_text_change_is_shown_before_and_after():
    editor = make_editor()
    item = make_question(status=Status.DRAFT, body="Line one.\nLine two.")
    client = signed_in(editor)
    client.post(change_url(item), form_data(item, body="Line one.\nLine 2, rewritten."))
    item.refresh_from_db()
    client.post(change_url(item), form_data(item, body="Line one.\nLine 2, rewritten again."))
    newer, older = Version.objects.get_for_object(item)
    page = client.get(
        reverse("admin:faq_question_compare", args=[item.pk]), {"from": older.pk, "to": newer.pk}
    ).content.decode()
    assert "Line one. Line 2, rewritten.</td>" in page.replace("\n", " ")
    assert "Line one. Line 2, rewritten again.</td>" in page.replace("\n", " ")


def test_history_and_compare_show_what_a_person_changed_in_words_not_internals():
    editor = make_editor()
    client = signed_in(editor)
    item = make_question(status=Status.DRAFT, publish_at=None, body="Short.")
    client.post(change_url(item), form_data(item, body=LONG_BODY))
    item.refresh_from_db()
    client.post(change_url(item), form_data(item, body=LONG_BODY.replace("twelve", "fourteen")))
    item.refresh_from_db()
    history = client.get(reverse("admin:faq_question_history", args=[item.pk])).content.decode()
    assert "seen_version" not in history and "Changed Body." in history
    newer, older = list(Version.objects.get_for_object(item))[:2]
    page = client.get(
        reverse("admin:faq_question_compare", args=[item.pk]), {"from": older.pk, "to": newer.pk}
    ).content.decode()
    assert '<del title="removed">twelve</del>' in page and '<ins title="added">fourteen</ins>' in page
    assert "@@" not in page and "Updated by" not in page and "Version" not in page.split('id="differences"')[1]
    assert "…" in page  # long unchanged text is elided around the change


LONG_BODY = (
    "Shared service centres bring together the transactional work of several departments. "
    "In 2008 the team counted twelve departments planning to take part, each with its own systems, "
    "processes and people, and each needing a plan for moving its work across in stages."
)
