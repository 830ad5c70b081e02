"""Playwright for Python driving Debian's Chromium against a live Django server.

Set HEADED=1 to watch the browser when a display is available.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the tests still
# use the ORM synchronously to set up data, which is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.core.management import call_command  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# How readers reach the tools: a desktop browser, one without JavaScript, and a 320px-wide phone.
MODES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "no-javascript": {"viewport": {"width": 1280, "height": 900}, "java_script_enabled": False},
    "320px": {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True},
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    headed = os.environ.get("HEADED") == "1"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=not headed,
            args=CHROMIUM_ARGS if headed else ["--headless", *CHROMIUM_ARGS],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, live_server):
    """Factory for isolated browser contexts (separate cookies) pointed at the live server."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh browser context; console errors are collected on page.console_errors."""
    page = new_context().new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


@pytest.fixture
def axe():
    """Return a function that runs axe-core on a page and returns WCAG 2.x A/AA violations."""
    source = AXE_SCRIPT.read_text()

    def run(page):
        page.evaluate(source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]

    return run


@pytest.fixture(params=list(MODES))
def reader(request, new_context, live_server, axe):
    """A reader's page in one of the modes, with a check to run on every page it reaches."""
    call_command("load_demo_content", verbosity=0)
    page = new_context(accept_downloads=True, **MODES[request.param]).new_page()
    page.mode = request.param
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.problems = {}

    def check():
        """No sideways scrolling at 320px, no axe violation, nothing in the console. (axe needs the page's
        JavaScript, so it runs in the modes that have it; the pages' HTML is the same without.)"""
        page.wait_for_load_state()
        title = page.title()
        if page.mode == "320px":
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{title} scrolls sideways by {overflow}px"
        violations = [] if page.mode == "no-javascript" else axe(page)
        if violations or page.console_errors:
            page.problems[title] = {"axe": violations, "console": list(page.console_errors)}
        page.console_errors.clear()

    page.check_page = check
    return page
