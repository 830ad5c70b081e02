"""The strict Content-Security-Policy holds in a real browser: no page, reader or admin, breaks under it."""

import pytest

from tests.browser.test_editor_journey import sign_in
from tests.factories import make_publisher, make_question

pytestmark = pytest.mark.django_db(transaction=True)


def watch_console(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def test_admin_pages_work_under_the_policy_without_violations(new_context):
    make_publisher("pat")
    item = make_question(title="Policy check question?")
    page = sign_in(new_context(), "pat")
    errors = watch_console(page)
    for path in (
        "/admin/",
        "/admin/faq/question/",
        f"/admin/faq/question/{item.pk}/change/",
        f"/admin/faq/question/{item.pk}/history/",
        "/admin/faq/question/add/",
    ):
        assert page.goto(path).status == 200
    # The admin's own scripts ran: the slug is filled in from the title as it is typed.
    page.locator("#id_title").press_sequentially("Typed title")
    assert page.input_value("#id_slug") == "typed-title"
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_reader_pages_load_their_assets_under_the_policy(page):
    make_question(title="Reader policy question?")
    errors = watch_console(page)
    for path in ("/", "/faq/", "/topics/"):
        page.goto(path)
        page.wait_for_selector("body.govuk-frontend-supported", state="attached")
    assert errors == []
