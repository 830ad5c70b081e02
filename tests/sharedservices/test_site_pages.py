import re

import pytest
from django.core import checks
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
def test_about_page_says_who_is_responsible_now_and_dates_the_2010_team(client, html_of, settings):
    html = html_of(client, reverse("about"))
    assert "The Cabinet Office owns the government's shared services strategy" in html
    assert f'href="{settings.CURRENT_POSITION_URL}"' in html
    # The team of 2005 to 2010 is history, in the past tense, with its own answer.
    assert "sat in the Transformational Government Unit" in html
    assert 'href="/faq/what-is-the-shared-services-team/"' in html
    assert "We are part of the Transformational Government Unit" not in html


def test_unset_contact_and_legal_details_show_as_placeholders_never_as_facts(client, html_of, settings):
    settings.TEAM_EMAIL = settings.DATA_CONTROLLER = settings.LOG_RETENTION = ""
    privacy = html_of(client, reverse("privacy"))
    assert "[placeholder: the data controller" in privacy and "[placeholder: how long these logs are kept" in privacy
    assert "[placeholder: the team's contact address" in privacy
    assert "mailto:" not in privacy and "Cabinet Office is the data controller" not in privacy


def test_set_contact_and_legal_details_are_stated(client, html_of, settings):
    settings.TEAM_EMAIL = "shared-services@department.gov.uk"
    settings.DATA_CONTROLLER = "The Department for Example"
    settings.LOG_RETENTION = "90 days"
    privacy = html_of(client, reverse("privacy"))
    assert "The Department for Example is the data controller" in privacy
    assert "no longer than 90 days" in privacy
    assert 'href="mailto:shared-services@department.gov.uk"' in privacy
    assert "placeholder" not in privacy


def test_deploy_check_warns_while_contact_and_legal_details_are_placeholders(settings):
    settings.TEAM_EMAIL, settings.DATA_CONTROLLER, settings.LOG_RETENTION = "x@example.gov.uk", "", "30 days"
    ids = {warning.id for warning in checks.run_checks(include_deployment_checks=True)}
    assert {"sharedservices.W001", "sharedservices.W002"} <= ids and "sharedservices.W003" not in ids
