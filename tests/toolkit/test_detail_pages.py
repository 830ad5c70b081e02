import pytest
from django.urls import reverse

from publishing.models import Status
from publishing.preview import preview_url
from tests.pagecheck import assert_reader_page_structure
from tests.toolkit.factories import make_example, make_stage, make_template

pytestmark = pytest.mark.django_db


def test_example_page_names_its_organisation_and_stage_and_lists_the_stage_templates(client):
    stage = make_stage(5, "Transition", slug="transition")
    example = make_example(
        stage, "Cabinet Office joining a centre", organisation="Cabinet Office", body="## How\n\nText."
    )
    template = make_template(stage, "Transition plan", files=["ods"])
    html = client.get(example.get_absolute_url()).content.decode()
    assert_reader_page_structure(html, "Cabinet Office joining a centre")
    assert "Cabinet Office</dd>" in html
    assert 'href="/toolkit/transition/"' in html
    assert "Transition plan" in html
    assert reverse("toolkit:download", args=[template.slug, "ods"]) in html


def test_draft_example_is_not_found(client):
    example = make_example(make_stage(1), status=Status.DRAFT)
    assert client.get(example.get_absolute_url()).status_code == 404


def test_template_page_is_a_well_formed_reader_page_with_its_downloads(client):
    template = make_template(make_stage(1, "Vision", slug="vision"), "Vision statement", files=["odt", "docx"],
                             body="Use this template to write your vision.")  # fmt: skip
    html = client.get(template.get_absolute_url()).content.decode()
    assert_reader_page_structure(html, "Vision statement")
    assert "Download the template" in html
    assert "Use this template to write your vision." in html
    assert '<a class="govuk-breadcrumbs__link" href="/toolkit/templates/">Templates</a>' in html
    assert "Request an accessible format" in html


def test_draft_template_page_is_not_found_but_its_preview_works_without_download_links(client):
    template = make_template(make_stage(1), "Draft plan", files=["odt"], status=Status.DRAFT)
    assert client.get(template.get_absolute_url()).status_code == 404
    response = client.get(preview_url(template))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft plan" in html and "/download/" not in html


def test_preview_of_a_draft_stage_shows_the_live_stage_templates(client):
    live = make_stage(1, "Vision")
    make_template(live, "Vision statement", files=["odt"])
    draft = make_stage(1, "Vision (new words)", status=Status.DRAFT, slug=live.slug, draft_of=live)
    html = client.get(preview_url(draft)).content.decode()
    assert "Vision (new words)" in html
    assert "Vision statement" in html
    assert "Stage 1 of 1" in html


def test_template_written_for_the_toolkit_says_so_and_who_wrote_it(client):
    template = make_template(make_stage(1, "Vision", slug="vision"), "Vision statement", files=["odt"],
                             provenance="written-for-toolkit")  # fmt: skip
    html = client.get(template.get_absolute_url()).content.decode()
    assert '<strong class="govuk-tag govuk-tag--turquoise">Written for this toolkit</strong>' in html
    assert "Written for this toolkit by the Shared Services Team. Adapt it to your organisation." in html
    assert "Agreed across departments" not in html
