"""A reader gives feedback with JavaScript on and off; an editor sees it redacted and counted in the admin;
and the page cache goes on serving the page to other readers throughout."""

import pytest
from django.core.cache import caches

from feedback.models import Answer, Feedback
from feedback.redaction import EMAIL_REMOVED, PHONE_REMOVED
from tests.browser.test_editor_journey import sign_in
from tests.factories import make_editor, make_guide

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page_cache_on(settings):
    """The page cache on, as in production, with empty caches."""
    settings.PAGE_CACHE_ENABLED = True
    for alias in ("default", "generation"):
        caches[alias].clear()


def test_feedback_with_and_without_javascript_is_redacted_counted_and_leaves_the_cache_alone(
    new_context, page_cache_on
):
    address = make_guide("Joining a cluster", body="## Costs\n\nWhat joining costs.").get_absolute_url()
    first = new_context().new_page()
    assert first.goto(address).headers["x-page-cache"] == "miss"

    # With JavaScript: "No" opens the form in place, and sending it thanks the reader without a reload.
    reader = new_context().new_page()
    reader.goto(address)
    reader.wait_for_selector("body.govuk-frontend-supported", state="attached")
    reader.evaluate("window.stillTheSamePage = true")
    reader.get_by_role("button", name="No this page is not useful").click()
    reader.get_by_label("What went wrong?").fill("Nothing on costs. Call me on 07700 900123 or jo@example.gov.uk")
    reader.get_by_role("button", name="Send").click()
    thanks = reader.locator("#feedback-thanks")
    thanks.wait_for()
    assert reader.evaluate("window.stillTheSamePage") is True and reader.url.endswith(address)
    assert reader.evaluate("document.activeElement.id") == "feedback-thanks"

    # Without JavaScript: "Yes" is thanked on a page of its own; a problem report shows its error, then is sent.
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto(address)
    plain.get_by_role("button", name="Yes this page is useful").click()
    assert plain.locator("h1").inner_text() == "Thank you for your feedback"
    plain.goto(address)
    plain.get_by_role("link", name="Report a problem with this page").click()
    plain.get_by_role("button", name="Send").click()
    assert "Enter what went wrong" in plain.locator(".govuk-error-summary").inner_text()
    plain.get_by_label("What went wrong?").fill("My NI number QQ123456C is on the page")
    plain.get_by_role("button", name="Send").click()
    assert plain.locator("h1").inner_text() == "Thank you for your feedback"

    answers = {feedback.answer: feedback for feedback in Feedback.objects.all()}
    assert set(answers) == {Answer.USEFUL, Answer.NOT_USEFUL, Answer.PROBLEM}
    assert answers[Answer.NOT_USEFUL].went_wrong == f"Nothing on costs. Call me on {PHONE_REMOVED} or {EMAIL_REMOVED}"

    # Another reader still gets the page from the cache, with the same form.
    other = new_context().new_page()
    response = other.goto(address)
    assert response.headers["x-page-cache"] == "hit"
    assert other.get_by_role("button", name="No this page is not useful").is_visible()

    # The editor sees the answers redacted and counted.
    make_editor("erin")
    editor = sign_in(new_context(), "erin")
    dashboard = editor.locator("#feedback-dashboard").inner_text()
    assert address in dashboard
    editor.goto("/admin/feedback/feedback/")
    listing = editor.locator("#result_list").inner_text()
    assert "[phone number removed]" in listing and "[National Insurance number removed]" in listing
    assert "07700" not in editor.content() and "jo@example" not in editor.content()
    editor.get_by_role("link", name="Counts over time and by page").click()
    week = editor.locator("#feedback-weeks tbody tr").first.inner_text().split("\t")
    assert week[1:4] == ["1", "1", "50%"]


def test_the_inline_report_form_and_its_errors_pass_axe_under_the_strict_policy(page, axe, live_server):
    page.goto(make_guide("Joining a cluster").get_absolute_url())
    page.wait_for_selector("body.govuk-frontend-supported", state="attached")
    page.get_by_role("link", name="Report a problem with this page").click()
    page.get_by_role("button", name="Send").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Enter what went wrong" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    # The refused form comes back as a 400, which Chromium notes in the console; nothing else may appear there.
    console = [message for message in page.console_errors if "status of 400" not in message]
    assert axe(page) == [] and console == []


def test_the_api_documentation_runs_under_the_strict_policy(page, live_server):
    page.goto("/api/")
    page.wait_for_selector(".opblock-summary-path >> text=/api/v1/items/")
    assert page.console_errors == []
