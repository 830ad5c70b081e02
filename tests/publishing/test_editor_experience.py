"""The admin offers each person only what they may do now (and says why not), shows where a page is in plain
words, asks for the change note on Save, and lets a publisher confirm a page is still right in one step."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from faq.models import Question
from guidance.models import Guide
from publishing import workflow
from publishing.dates import datetime_text
from publishing.models import Status, WorkflowEvent
from tests.factories import make_editor, make_publisher, make_question, make_user

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_page(user, item):
    return signed_in(user).get(reverse("admin:faq_question_change", args=[item.pk])).content.decode()


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


def test_a_publisher_is_not_offered_a_publish_button_for_their_own_change_and_is_told_why():
    publisher = make_publisher()
    item = make_question(status=Status.IN_REVIEW, publish_at=None, contributor_ids=[publisher.pk])
    page = change_page(publisher, item)
    assert "workflow/publish/" not in page
    assert "Publish</strong> is not available to you: You changed this page since it was last published" in page


def test_an_editor_is_offered_no_publisher_actions_and_the_form_cannot_be_opened_by_address():
    editor = make_editor()
    item = make_question(body="Live words.")
    page = change_page(editor, item)
    assert "workflow/withdraw/" not in page and "workflow/confirm/" not in page
    assert "Only a publisher can do this." in page
    response = signed_in(editor).get(reverse("admin:faq_question_workflow", args=[item.pk, "withdraw"]))
    assert response.status_code == 403
    assert "<textarea" not in response.content.decode()


def test_the_superuser_reason_box_is_shown_only_to_a_superuser_publishing_their_own_change():
    publisher, boss = make_publisher(), make_user("boss", superuser=True)
    theirs = make_question(status=Status.IN_REVIEW, publish_at=None, contributor_ids=[boss.pk], slug="theirs")
    others = make_question(status=Status.IN_REVIEW, publish_at=None, slug="others")
    url = "admin:faq_question_workflow"
    assert (
        "Why you are publishing your own change"
        in signed_in(boss).get(reverse(url, args=[theirs.pk, "publish"])).content.decode()
    )
    assert (
        "Why you are publishing your own change"
        not in signed_in(publisher).get(reverse(url, args=[others.pk, "publish"])).content.decode()
    )


def test_a_live_page_with_a_pending_draft_says_so_at_the_top_of_its_form():
    editor = make_editor()
    live = make_question()
    draft = workflow.item_start_draft(live=live, user=editor)
    page = change_page(editor, live)
    assert 'id="pending-draft-warning"' in page
    assert reverse("admin:faq_question_change", args=[draft.pk]) in page
    assert page.index('id="pending-draft-warning"') < page.index('name="title"')


def test_the_latest_return_to_draft_note_is_shown_on_the_change_page():
    editor, publisher = make_editor(), make_publisher("reviewer")
    item = make_question(status=Status.IN_REVIEW, publish_at=None)
    workflow.item_return_to_draft(item=item, user=publisher, note="Please add the 2023 figures.")
    page = change_page(editor, item)
    assert 'id="return-note"' in page and "Please add the 2023 figures." in page and "reviewer" in page


def test_a_major_change_without_a_note_is_refused_on_save():
    editor = make_editor()
    item = make_question(status=Status.DRAFT, publish_at=None)
    response = signed_in(editor).post(
        reverse("admin:faq_question_change", args=[item.pk]), form_data(item, body="New.", change_type="major")
    )
    assert response.status_code == 200
    assert "A major change needs a public change note" in response.content.decode()
    assert Question.objects.get(pk=item.pk).body != "New."


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"status": Status.DRAFT, "publish_at": None}, "Draft: readers cannot see it."),
        ({}, "Published: readers can see it."),
        (
            {"publish_at": timezone.now() + datetime.timedelta(days=1)},
            "Scheduled: readers will see it from",
        ),
        ({"status": Status.WITHDRAWN, "withdrawn_at": timezone.now()}, "Withdrawn on"),
    ],
)
def test_the_status_box_says_what_readers_see_now(fields, expected):
    item = make_question(**fields)
    assert expected in change_page(make_editor(), item)


def test_dates_read_the_same_way_everywhere():
    moment = timezone.make_aware(datetime.datetime(2026, 11, 27, 14, 50))
    assert datetime_text(moment) == "27 November 2026, 2:50pm"
    assert datetime_text(timezone.make_aware(datetime.datetime(2026, 7, 1, 0, 5))) == "1 July 2026, 12:05am"


def test_publish_at_says_times_are_uk_time():
    publisher = make_publisher()
    item = make_question(status=Status.IN_REVIEW, publish_at=None)
    page = signed_in(publisher).get(reverse("admin:faq_question_workflow", args=[item.pk, "publish"])).content.decode()
    assert "UK time" in page


def test_a_publisher_confirms_a_page_is_still_accurate_in_one_step():
    publisher = make_publisher()
    item = make_question(review_due=timezone.localdate() - datetime.timedelta(days=3))
    version = item.version
    response = signed_in(publisher).post(
        reverse("admin:faq_question_workflow", args=[item.pk, "confirm"]), {"next_review": ""}, follow=True
    )
    assert "Confirmed:" in response.content.decode()
    item.refresh_from_db()
    assert item.last_reviewed == timezone.localdate()
    assert item.review_due == timezone.localdate() + datetime.timedelta(days=182)
    assert item.version == version and item.status == Status.PUBLISHED
    event = WorkflowEvent.objects.get(action=WorkflowEvent.Action.CONFIRMED)
    assert event.user == publisher and "Next review due" in event.note


def test_the_dashboard_shows_reviews_due_soon_beside_overdue_ones():
    today = timezone.localdate()
    make_question(title="Due next week?", review_due=today + datetime.timedelta(days=7))
    make_question(title="Due next year?", review_due=today + datetime.timedelta(days=365))
    make_question(title="Overdue?", review_due=today - datetime.timedelta(days=1))
    client = signed_in(make_editor())
    index = client.get(reverse("admin:index")).content.decode()
    assert "Review due soon" in index
    soon = client.get(reverse("admin:faq_question_changelist"), {"queue": "soon"}).content.decode()
    assert "Due next week?" in soon and "Due next year?" not in soon and "Overdue?" not in soon


def published_guide(**fields):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    return Guide.objects.create(
        title="Retained functions",
        slug="retained-functions",
        summary="What stays in the department.",
        status=Status.PUBLISHED,
        publish_at=yesterday,
        first_published_at=yesterday,
        **fields,
    )


def test_readers_never_see_a_next_review_date_in_the_past(client):
    guide = published_guide(review_due=timezone.localdate() - datetime.timedelta(days=10))
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Next review due" not in html
    assert "The page owner is checking this page is still right" in html


def test_readers_see_a_next_review_date_that_is_still_ahead(client):
    guide = published_guide(review_due=datetime.date(2099, 1, 31))
    assert "31 January 2099" in client.get(guide.get_absolute_url()).content.decode()
