import re

import pytest
from django.urls import reverse

from publishing.models import Status
from tests.factories import make_stage, make_template, make_template_file
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db


def titles(html):
    """Titles of the templates in the results, in order."""
    results = html.split('id="results-heading"', 1)[1]
    return re.findall(r'<h3 [^>]*><a class="govuk-link" href="[^"]+">([^<]+)</a></h3>', results)


@pytest.fixture
def catalogue():
    """Two stages with a document template, a spreadsheet template and a draft."""
    vision = make_stage("Vision", position=1, slug="vision")
    design = make_stage("Design", position=2, slug="design")
    make_template("Vision statement", stage=vision, files=["odt", "docx"], provenance="output-template")
    make_template("Savings model", stage=design, files=["ods", "xlsx"], provenance="co-developed", file_version="1.2")
    make_template("Draft checklist", stage=design, files=["odt"], status=Status.DRAFT)
    return vision, design


def test_list_shows_every_published_template_with_its_details(client, catalogue, settings):
    html = client.get(reverse("toolkit:templates")).content.decode()
    assert_reader_page_structure(html, "Toolkit templates")
    assert titles(html) == ["Vision statement", "Savings model"]
    assert "Summary of savings model." in html
    assert re.search(r'<strong class="govuk-tag govuk-tag--green">\s*Co-developed\s*</strong>', html)
    # Blue is a GOV.UK tag's own colour.
    assert re.search(r'<strong class="govuk-tag">\s*Output template\s*</strong>', html)
    assert 'Stage: <a class="govuk-link" href="/toolkit/design/">Design</a>' in html
    assert re.search(r"\(ODS, \d+ KB\)", html) and re.search(r"\(DOCX, \d+ KB\)", html)
    assert "Version 1.2" in html and "last updated" in html
    assert "/toolkit/templates/" in html and "/ods/download/" in html


def test_draft_template_is_absent_from_the_list(client, catalogue):
    assert "Draft checklist" not in client.get(reverse("toolkit:templates")).content.decode()


def test_each_template_offers_a_way_to_request_an_accessible_format(client, catalogue, settings):
    settings.TEAM_EMAIL = "shared-services@department.gov.uk"
    html = client.get(reverse("toolkit:templates")).content.decode()
    assert html.count("Request an accessible format") == 2
    assert f'href="mailto:{settings.TEAM_EMAIL}?subject=Accessible%20format%20request%3A%20Savings%20model"' in html


def test_format_filter_keeps_templates_offering_that_format(client, catalogue):
    html = client.get(reverse("toolkit:templates"), {"format": "ods"}).content.decode()
    assert titles(html) == ["Savings model"]
    assert 'id="filter-format-ods" name="format" type="checkbox" value="ods" checked' in html
    assert "1 template match your filters" in html


def test_several_formats_combine_as_either(client, catalogue):
    html = client.get(reverse("toolkit:templates") + "?format=odt&format=xlsx").content.decode()
    assert titles(html) == ["Vision statement", "Savings model"]


def test_stage_filter_keeps_templates_of_that_stage(client, catalogue):
    html = client.get(reverse("toolkit:templates"), {"stage": "vision"}).content.decode()
    assert titles(html) == ["Vision statement"]


def test_stage_and_format_filters_combine(client, catalogue):
    html = client.get(reverse("toolkit:templates") + "?stage=vision&format=ods").content.decode()
    assert titles(html) == []
    assert "No templates match" in html


def test_template_sharing_a_file_is_listed_once_when_filtered(client):
    stage = make_stage(position=1, slug="vision")
    make_template(
        "Both formats", stage=stage, files=[make_template_file("odt"), make_template_file("odt", "Another odt")]
    )
    html = client.get(reverse("toolkit:templates"), {"format": "odt"}).content.decode()
    assert titles(html) == ["Both formats"]


@pytest.mark.parametrize(
    "query",
    ["?format=exe", "?stage=no-such-stage", "?format=", "?stage=%3Cscript%3E", "?format=odt%00", "?page=2&x=y"],
)
def test_unknown_filter_values_are_ignored(client, catalogue, query):
    response = client.get(reverse("toolkit:templates") + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == ["Vision statement", "Savings model"]
    assert "<script>" not in html


def test_filters_work_without_javascript_as_a_get_form(client, catalogue):
    html = client.get(reverse("toolkit:templates")).content.decode()
    form = re.search(r'<form method="get" action="/toolkit/templates/".*?</form>', html, re.S).group(0)
    assert 'name="stage" type="checkbox" value="vision"' in form
    assert 'name="format" type="checkbox" value="xlsx"' in form
    assert '<button type="submit"' in form


def test_empty_list_says_there_are_no_templates(client):
    html = client.get(reverse("toolkit:templates")).content.decode()
    assert "There are no published templates yet." in html
