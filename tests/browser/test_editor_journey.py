"""An editor and a publisher take a new FAQ answer from draft to published, in a real browser."""

import datetime

import pytest
from django.utils import timezone

from faq.models import Question
from publishing.models import Status
from tests.factories import PASSWORD, make_category, make_editor, make_publisher, make_question

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "can-we-share-payroll-with-another-department"


def sign_in(context, username):
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def test_new_answer_goes_from_draft_through_preview_and_review_to_readers(new_context):
    make_category(title="Making it work", slug="making-it-work")
    make_editor("erin")
    make_publisher("pat")

    editor = sign_in(new_context(), "erin")
    assert "What needs you" in editor.content()
    editor.goto("/admin/faq/question/add/")
    editor.locator("#id_title").press_sequentially("Can we share payroll with another department?")
    # The slug is filled in from the title by the admin's own script.
    assert editor.input_value("#id_slug") == SLUG
    editor.fill("#id_summary", "Yes. Payroll is one of the most commonly shared services.")
    editor.fill("#id_body", "## How it works\n\nA shared service centre runs payroll for several departments.")
    editor.select_option("#id_category", label="Making it work")
    editor.click("input[name=_continue]")
    editor.click("button:text-is('Make a preview link')")
    editor.wait_for_selector("#preview-links a")

    # A colleague without an admin account opens the shared preview link.
    preview_url = editor.get_attribute("#preview-links a", "href")
    colleague = new_context().new_page()
    colleague.goto(preview_url)
    assert "Preview – not published" in colleague.inner_text(".app-banner-preview")
    assert colleague.inner_text("h1") == "Can we share payroll with another department?"

    # Readers cannot see the draft yet.
    reader = new_context().new_page()
    assert reader.goto(f"/faq/{SLUG}/").status == 404

    editor.click("text=Send for review")
    editor.click("input[type=submit][value='Send for review']")
    editor.wait_for_selector("text=waiting for a publisher to review it")
    assert "workflow/publish/" not in editor.content()

    publisher = sign_in(new_context(), "pat")
    publisher.goto("/admin/faq/question/?queue=review")
    publisher.click("text=Can we share payroll with another department?")
    publisher.click("#workflow-panel a.button:text-is('Publish')")
    publisher.click("input[type=submit][value='Publish']")
    publisher.wait_for_selector("text=Published: readers can now see")

    reader.goto("/faq/")
    assert "Can we share payroll with another department?" in reader.content()
    reader.click("text=Can we share payroll with another department?")
    assert reader.inner_text("h1") == "Can we share payroll with another department?"
    assert Question.objects.published().filter(slug=SLUG).exists()
    # …and finds it by searching.
    reader.locator("#header-search-q").fill("share payroll")
    with reader.expect_navigation():
        reader.locator("#header-search-q").press("Enter")
    assert "Can we share payroll with another department?" in reader.inner_text("ol.app-search-results")


def test_second_of_two_editors_saving_the_same_item_is_refused_and_keeps_their_text(new_context):
    question = make_question("Shared question?", status=Status.DRAFT, body="Original.")
    make_editor("ann")
    make_editor("ben")
    ann, ben = sign_in(new_context(), "ann"), sign_in(new_context(), "ben")
    url = f"/admin/faq/question/{question.pk}/change/"
    ann.goto(url)
    ben.goto(url)
    ann.fill("#id_body", "Ann's version.")
    ann.click("input[name=_continue]")
    ann.wait_for_selector("text=was changed successfully")
    ben.fill("#id_body", "Ben's version, which must not vanish.")
    ben.click("input[name=_continue]")
    ben.wait_for_selector("text=have NOT been saved")
    assert "ann changed this item on" in ben.content()
    assert ben.input_value("#id_body") == "Ben's version, which must not vanish."
    question.refresh_from_db()
    assert question.body == "Ann's version."


def test_publisher_withdraws_a_page_and_brings_it_back_through_history(new_context):
    make_editor("erin")
    make_publisher("pat")
    make_publisher("pia")
    question = make_question(title="Is this still current?", body="The original answer.")
    reader = new_context().new_page()

    pat = sign_in(new_context(), "pat")
    pat.goto(f"/admin/faq/question/{question.pk}/change/")
    pat.click("#workflow-panel a.button:text-is('Withdraw')")
    pat.fill("#id_reason", "Replaced by the toolkit's transition stage.")
    pat.click("input[type=submit][value='Withdraw']")
    pat.wait_for_selector("text=has left lists and search")
    reader.goto(question.get_absolute_url())
    assert "This page was withdrawn on" in reader.content()
    assert "Replaced by the toolkit" in reader.content()
    reader.goto("/faq/")
    assert "Is this still current?" not in reader.content()

    # An editor restores the published version from history: it becomes a draft for review.
    erin = sign_in(new_context(), "erin")
    erin.goto(f"/admin/faq/question/{question.pk}/history/")
    erin.locator("text=Restore as draft").last.click()
    erin.click("input[type=submit][value='Restore as a draft']")
    erin.wait_for_selector("text=The old version is restored as a draft")
    erin.select_option("#id_change_type", "major")
    erin.fill("#id_change_note", "Reinstated after review.")
    erin.click("input[name=_continue]")
    erin.click("#workflow-panel a.button:text-is('Send for review')")
    erin.click("input[type=submit][value='Send for review']")
    erin.wait_for_selector("text=waiting for a publisher to review it")

    pia = sign_in(new_context(), "pia")
    pia.goto("/admin/faq/question/?queue=review")
    pia.click("text=Is this still current?")
    pia.click("#workflow-panel a.button:text-is('Publish')")
    pia.click("input[type=submit][value='Publish']")
    pia.wait_for_selector("text=Published: readers can now see")

    reader.goto(question.get_absolute_url())
    assert "This page was withdrawn" not in reader.content()
    assert "The original answer." in reader.content()
    assert "Reinstated after review." in reader.content()
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED


def test_publisher_schedules_an_item_that_readers_see_only_once_its_time_comes(new_context):
    make_publisher("pat")
    editor = make_editor("erin")
    item = make_question(title="Coming soon?", status=Status.IN_REVIEW, updated_by=editor)
    in_a_minute = timezone.localtime() + datetime.timedelta(minutes=10)
    pat = sign_in(new_context(), "pat")
    pat.goto(f"/admin/faq/question/{item.pk}/workflow/publish/")
    pat.check("input[name=when][value=later]")
    pat.fill("#id_publish_at", in_a_minute.strftime("%Y-%m-%d %H:%M"))
    pat.click("input[type=submit][value='Publish']")
    pat.wait_for_selector("text=Scheduled:")

    reader = new_context().new_page()
    assert reader.goto(item.get_absolute_url()).status == 404
    reader.goto("/faq/")
    assert "Coming soon?" not in reader.content()

    # The minute passes (moved in the database rather than waited for).
    Question.objects.filter(pk=item.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert reader.goto(item.get_absolute_url()).status == 200
    reader.goto("/faq/")
    assert "Coming soon?" in reader.content()
