"""Every kind of reader page, with the demo content, in a real browser: axe-core finds no WCAG 2.x A/AA
violation, nothing is logged to the console, and every asset the page asks for arrives."""

import pytest
from django.core.management import call_command

from tests.sharedservices.test_valid_html import reader_pages

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_reader_page_passes_axe_with_no_console_errors_or_failed_assets(page, axe, live_server):
    call_command("load_demo_content")
    failed_assets = []
    page.on("requestfailed", lambda request: failed_assets.append(request.url))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and failed_assets.append(f"{response.status} {response.url}")
        ),
    )
    problems = {}
    for path in reader_pages():
        page.console_errors.clear()
        response = page.goto(path)
        expected = 404 if path == "/no-such-page/" else 200
        assert response.status == expected, path
        if not path.startswith("/admin/"):
            # GOV.UK Frontend's script ran (the admin sign-in page is Django's own).
            page.wait_for_selector("body.govuk-frontend-supported", state="attached")
        violations = axe(page)
        console = [m for m in page.console_errors if not (expected == 404 and "status of 404" in m)]
        if violations or console:
            problems[path] = {"axe": violations, "console": console}
    assert problems == {}
    assert failed_assets == []
