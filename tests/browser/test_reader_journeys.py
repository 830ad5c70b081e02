"""Readers' journeys through the real portal with the demo content: with JavaScript, without it,
and on a 320px-wide screen where nothing may scroll sideways."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

MODES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "no-javascript": {"viewport": {"width": 1280, "height": 900}, "java_script_enabled": False},
    "320px": {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture
def demo_content(live_server):
    """The repository's demo content, loaded into the live server's database."""
    call_command("load_demo_content")


@pytest.fixture(params=list(MODES))
def reader(request, new_context, demo_content):
    """A reader's page in one of the modes; at 320px every page is checked for sideways scrolling."""
    page = new_context(accept_downloads=True, **MODES[request.param]).new_page()
    page.mode = request.param
    return page


def assert_fits_the_screen(page):
    if page.mode == "320px":
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def follow(page, name, exact=True):
    """Click a link by its visible text, as a reader would, and check the new page fits the screen."""
    page.get_by_role("link", name=name, exact=exact).first.click()
    page.wait_for_load_state()
    assert_fits_the_screen(page)


def open_menu_if_collapsed(page):
    toggle = page.locator(".govuk-service-navigation__toggle")
    if toggle.is_visible():
        toggle.click()


def test_customer_goes_from_home_through_a_guide_and_the_toolkit_to_a_template_download(reader):
    page = reader
    page.goto("/")
    assert_fits_the_screen(page)
    follow(page, "Guidance for customers")
    assert page.locator("h1").inner_text() == "Guidance for customers"
    follow(page, "Deciding whether to move to a shared service")
    contents = page.locator("nav.app-contents-list a").first
    target = contents.get_attribute("href")
    contents.click()
    assert page.url.endswith(target)
    assert page.locator(target).is_visible()
    stage_link = page.locator("aside a[href^='/toolkit/']").first
    stage_name = stage_link.inner_text()
    stage_link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().endswith(stage_name.split(": ")[-1])
    position = page.locator("h1 ~ .govuk-caption-l, .govuk-caption-l").first.inner_text()
    follow(page, "Next", exact=False)
    assert page.locator("h1 ~ .govuk-caption-l, .govuk-caption-l").first.inner_text() != position
    download_link = page.locator("a[href$='/download/']").first
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.rsplit(".", 1)[-1] in {"odt", "ods", "docx", "xlsx"}
    assert "-v" in download.suggested_filename
    assert download.path().stat().st_size > 1000


def test_reader_scans_the_faq_jumps_to_a_category_and_follows_a_related_question(reader):
    page = reader
    page.goto("/")
    open_menu_if_collapsed(page)
    follow(page, "FAQ")
    assert page.locator("h1").inner_text() == "Frequently asked questions"
    page.locator("nav.app-contents-list a", has_text="People and jobs").click()
    assert page.url.endswith("#people-and-jobs")
    question = page.locator("#people-and-jobs ~ ul a").first
    title = question.inner_text()
    question.click()
    page.wait_for_load_state()
    assert_fits_the_screen(page)
    assert page.locator("h1").inner_text() == title
    assert page.locator(".govuk-breadcrumbs").inner_text().count("People and jobs") == 1
    related = page.locator("#related-questions + ul a").first
    related_title = related.inner_text()
    related.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == related_title


def test_reader_asks_a_plain_question_in_the_header_search_filters_by_kind_and_opens_the_answer(reader):
    page = reader
    page.goto("/")
    page.locator("#header-search-q").fill("will people lose their jobs")
    page.locator("#header-search-q").press("Enter")
    page.wait_for_load_state()
    assert_fits_the_screen(page)
    assert (
        "will people lose their jobs" in page.locator("h1").inner_text().lower()
        or page.locator("#header-search-q, #search-q").first.input_value()
    )
    page.locator("#filter-kind-faq").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "kind=faq" in page.url
    first = page.locator("ol.app-search-results .app-search-result__title a").first
    assert first.inner_text() == "Will people lose their jobs if we share services?"
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Will people lose their jobs if we share services?"


def test_keyboard_alone_reaches_search_a_result_and_a_download_with_focus_always_visible(new_context, demo_content):
    page = new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/")

    def tab_to(predicate_js, limit=60):
        for _ in range(limit):
            page.keyboard.press("Tab")
            style = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return {outline: s.outlineStyle, shadow: s.boxShadow, bg: s.backgroundColor}; }"
            )
            assert style["outline"] != "none" or style["shadow"] != "none" or style["bg"] == "rgb(255, 221, 0)", (
                f"no visible focus on {page.evaluate('document.activeElement.outerHTML')[:120]}"
            )
            if page.evaluate(predicate_js):
                return
        raise AssertionError(f"could not reach {predicate_js} by keyboard")

    tab_to("document.activeElement.classList.contains('govuk-skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.goto("/")
    tab_to("document.activeElement.id === 'header-search-q'")
    page.keyboard.type("service level agreement")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to("document.activeElement.getAttribute('href') === '/toolkit/templates/service-level-agreement/'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to("(document.activeElement.getAttribute('href') || '').endsWith('/download/')")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename.startswith("service-level-agreement-v")
