import pytest

SITE_PAGES = ["/", "/about/", "/accessibility/", "/privacy/", "/no-such-page/"]  # without any content


@pytest.mark.django_db(transaction=True)
def test_home_page_loads_with_styles_and_scripts(page):
    response = page.goto("/")
    assert response.status == 200
    assert page.title() == "Home – Shared Services Guidance"
    # GOV.UK Frontend's JavaScript ran: it marks the body as supported.
    page.wait_for_selector("body.govuk-frontend-supported", state="attached")
    # The compiled stylesheet applied: the GOV.UK header is the brand blue.
    colour = page.eval_on_selector(".govuk-header", "el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(29, 112, 184)"
    assert page.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_skip_link_moves_focus_to_main_content(page):
    page.goto("/about/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_page_has_no_wcag_violations(page, axe, path):
    page.goto(path)
    assert axe(page) == []
