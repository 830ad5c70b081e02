"""The safeguards editors rely on, as journeys with two editors and two publishers in separate browsers:
embargoes hold through corrections and cancellation, the second pair of eyes cannot be side-stepped,
and preview links can be revoked and never show a page that has moved on."""

import datetime

import pytest
from django.utils import timezone

from faq.models import Question
from publishing import workflow
from publishing.models import Status
from tests.factories import make_category, make_editor, make_publisher, make_question

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"


def sign_in(context, username):
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


@pytest.fixture
def team():
    """Two editors and two publishers, as the Shared Services Team has."""
    make_category()
    return {name: make(name) for name, make in (("erin", make_editor), ("ed", make_editor))} | {
        name: make_publisher(name) for name in ("pat", "sam")
    }


def scheduled_page(team, hours=1):
    draft = make_question(
        title="Coming in an hour?", status=Status.DRAFT, publish_at=None, body="Embargoed words.", slug="embargo"
    )
    workflow.item_submit_for_review(item=draft, user=team["erin"])
    return workflow.item_publish(
        item=draft, user=team["pat"], publish_at=timezone.now() + datetime.timedelta(hours=hours)
    )


def test_a_correction_to_a_scheduled_page_keeps_its_embargo_when_published(new_context, team):
    page = scheduled_page(team)
    go_live = page.publish_at
    erin = sign_in(new_context(), "erin")
    erin.goto(f"/admin/faq/question/{page.pk}/change/")
    erin.fill("#id_body", "Corrected embargoed words.")
    erin.click("input[name=_continue]")
    erin.wait_for_selector("text=saved as a draft of the published page")
    erin.click("#workflow-panel a.button:text-is('Send for review')")
    erin.click("input[type=submit][value='Send for review']")
    erin.wait_for_selector("text=waiting for a publisher to review it")

    sam = sign_in(new_context(), "sam")
    draft = Question.objects.get(draft_of=page)
    sam.goto(f"/admin/faq/question/{draft.pk}/change/")
    sam.click("#workflow-panel a.button:text-is('Publish')")
    assert "This page is scheduled to go live on" in sam.content()
    assert sam.is_checked("input[name=when][value=keep]")
    sam.click("input[type=submit][value='Publish']")
    sam.wait_for_selector("text=Scheduled:")

    page.refresh_from_db()
    assert page.publish_at == go_live and page.body == "Corrected embargoed words."
    reader = new_context().new_page()
    assert reader.goto("/faq/embargo/").status == 404


def test_cancelling_a_scheduled_page_is_unschedule_and_readers_never_see_it(new_context, team):
    page = scheduled_page(team)
    sam = sign_in(new_context(), "sam")
    sam.goto(f"/admin/faq/question/{page.pk}/change/")
    panel = sam.inner_text("#workflow-panel")
    assert "Unschedule" in panel and "Change the go-live time" in panel and "Withdraw" not in panel
    sam.click("#workflow-panel a.button:text-is('Unschedule')")
    sam.click("input[type=submit][value='Unschedule']")
    sam.wait_for_selector("text=Readers never saw it.")
    # The original go-live time passes: still nothing for readers.
    Question.objects.filter(pk=page.pk).update(publish_at=None)
    page.refresh_from_db()
    assert page.status == Status.DRAFT
    reader = new_context().new_page()
    assert reader.goto("/faq/embargo/").status == 404


def test_a_publisher_cannot_publish_their_own_words_after_an_editor_presses_save(new_context, team):
    item = make_question(title="Who publishes this?", status=Status.DRAFT, publish_at=None, body="Start.")
    pat = sign_in(new_context(), "pat")
    pat.goto(f"/admin/faq/question/{item.pk}/change/")
    pat.fill("#id_body", "Pat's own words.")
    pat.click("input[name=_continue]")
    pat.wait_for_selector("text=was changed successfully")

    ed = sign_in(new_context(), "ed")
    ed.goto(f"/admin/faq/question/{item.pk}/change/")
    ed.click("input[name=_continue]")  # Save, changing nothing
    ed.wait_for_selector("text=was changed successfully")
    ed.click("#workflow-panel a.button:text-is('Send for review')")
    ed.click("input[type=submit][value='Send for review']")
    ed.wait_for_selector("text=waiting for a publisher to review it")

    pat.goto(f"/admin/faq/question/{item.pk}/change/")
    assert pat.locator("#workflow-panel a.button:text-is('Publish')").count() == 0
    assert "You changed this page since it was last published" in pat.inner_text("#workflow-panel")
    refused = pat.goto(f"/admin/faq/question/{item.pk}/workflow/publish/")
    assert refused.status == 403
    assert not Question.objects.published().filter(pk=item.pk).exists()

    sam = sign_in(new_context(), "sam")
    sam.goto(f"/admin/faq/question/{item.pk}/change/")
    sam.click("#workflow-panel a.button:text-is('Publish')")
    sam.click("input[type=submit][value='Publish']")
    sam.wait_for_selector("text=Published: readers can now see")
    assert Question.objects.published().filter(pk=item.pk).exists()


def test_a_preview_link_is_revoked_and_one_for_an_old_version_says_the_page_changed(new_context, team):
    item = make_question(title="Draft for colleagues?", status=Status.DRAFT, publish_at=None, body="First words.")
    erin = sign_in(new_context(), "erin")
    erin.goto(f"/admin/faq/question/{item.pk}/change/")
    erin.click("button:text-is('Make a preview link')")
    erin.wait_for_selector("#preview-links a")
    first_link = erin.get_attribute("#preview-links a", "href")

    colleague = new_context().new_page()
    colleague.goto(first_link)
    assert "First words." in colleague.content()

    erin.click("#preview-links button:text-is('Cancel link')")
    erin.wait_for_selector("text=The preview link is cancelled")
    response = colleague.goto(first_link)
    assert response.status == 410 and "First words." not in colleague.content()
    assert "ask the person who sent you the link for a new one" in colleague.content().lower()

    erin.click("button:text-is('Make a preview link')")
    erin.wait_for_selector("#preview-links a")
    second_link = erin.get_attribute("#preview-links a", "href")
    erin.fill("#id_body", "Second words.")
    erin.click("input[name=_continue]")
    erin.wait_for_selector("text=was changed successfully")
    assert "An earlier version" in erin.inner_text("#preview-links")
    colleague.goto(second_link)
    assert "This page has changed since the preview link was made" in colleague.content()
    assert "Second words." not in colleague.content() and "First words." not in colleague.content()


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_dashboard_headings_each_stay_on_one_line(new_context, team, width):
    make_question(title="Waiting?", status=Status.IN_REVIEW)
    page = sign_in(new_context(viewport={"width": width, "height": 900}), "erin")
    heights = page.eval_on_selector_all(
        "#workflow-dashboard thead th",
        "cells => cells.map(cell => [cell.textContent.trim(), cell.getBoundingClientRect().height,"
        " parseFloat(getComputedStyle(cell).lineHeight) || 20])",
    )
    assert [text for text, _, _ in heights] == [
        "Content",
        "Awaiting review",
        "Scheduled",
        "Review due soon",
        "Review overdue",
    ]
    for text, height, line in heights:
        assert height < 2 * line + 12, f"{text!r} wraps: {height}px tall"
