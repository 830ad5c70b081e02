import re

import pytest
from django.urls import reverse

from tests.pagecheck import assert_reader_page_structure

SITE_PAGES = [
    ("home", "Home"),
    ("about", "About"),
    ("accessibility", "Accessibility statement"),
    ("privacy", "Privacy"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "title"), SITE_PAGES)
def test_site_page_renders_with_landmarks_and_titled(client, html_of, url_name, title):
    html = html_of(client, reverse(url_name))
    assert_reader_page_structure(html, title_prefix=title)


@pytest.mark.django_db
def test_home_page_says_what_the_portal_is_for_and_offers_search(client, html_of):
    html = html_of(client, reverse("home"))
    assert "Share corporate services across government" in html
    assert 'action="/search/"' in html
    assert 'id="home-search-q"' in html


@pytest.mark.django_db
def test_every_page_has_the_header_search_and_footer_licence(client, html_of):
    html = html_of(client, reverse("about"))
    assert 'id="header-search-q"' in html
    assert "Open Government Licence v3.0" in html
    assert "© Crown copyright" in html


@pytest.mark.django_db
def test_header_shows_the_gov_uk_logo_and_the_service_navigation_names_the_service(client, html_of):
    html = html_of(client, reverse("about"))
    header = html.split('<header class="govuk-template__header">', 1)[1].split("</header>", 1)[0]
    assert re.search(r'<a href="https://www.gov.uk/" class="govuk-header__homepage-link">\s*<svg', header)
    assert 'class="govuk-header__logotype" aria-label="GOV.UK"' in header
    assert re.search(
        r'<span class="govuk-service-navigation__service-name">\s*<a href="/" class="govuk-service-navigation__link">'
        r"\s*Shared Services Guidance\s*</a>",
        header,
    )


@pytest.mark.django_db
def test_accessibility_statement_has_the_required_sections(client, html_of):
    html = html_of(client, reverse("accessibility"))
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Preparation of this accessibility statement",
    ):
        assert heading in html


@pytest.mark.django_db
def test_about_page_explains_the_team_and_shared_services(client, html_of):
    html = html_of(client, reverse("about"))
    assert "Transformational Government" in html
    assert "Pan Government Shared Services Group" in html
