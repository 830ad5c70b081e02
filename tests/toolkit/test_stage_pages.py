import re

import pytest
from django.urls import reverse

from publishing.models import Status
from tests.factories import make_example, make_question, make_stage, make_template
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db


def pagination(html):
    match = re.search(r'<nav class="govuk-pagination[^"]*" aria-label="Toolkit stages">(.*?)</nav>', html, re.S)
    return match.group(1) if match else ""


@pytest.fixture
def path_of_three():
    """Three published stages created out of order, and a draft stage between them."""
    third = make_stage("Transition", position=3)
    first = make_stage("Vision", position=1)
    make_stage("Unfinished draft stage", position=2, status=Status.DRAFT)
    second = make_stage("Design", position=2)
    return first, second, third


def test_index_lists_published_stages_in_position_order(client, path_of_three):
    html = client.get(reverse("toolkit:index")).content.decode()
    assert html.index("Vision") < html.index("Design") < html.index("Transition")
    assert "Unfinished draft stage" not in html


def test_index_is_an_ordered_list_with_a_numbered_heading_for_each_stage(client, path_of_three):
    html = client.get(reverse("toolkit:index")).content.decode()
    assert_reader_page_structure(html, "Vision to operation toolkit")
    steps = re.search(r'<ol class="app-step-nav".*?</ol>', html, re.S).group(0)
    headings = re.findall(r"<h2 [^>]*>(.*?)</h2>", steps, re.S)
    assert len(headings) == 3
    assert "Stage </span>1" in headings[0] and "Vision" in headings[0]
    assert "First output" in steps and "Summary of design." in steps
    assert reverse("toolkit:templates") in html


def test_stage_page_shows_its_position_on_the_path(client, path_of_three):
    first, second, third = path_of_three
    html = client.get(second.get_absolute_url()).content.decode()
    assert_reader_page_structure(html, "Design")
    assert "Stage 2 of 3" in html


def test_first_stage_links_to_the_next_stage_only(client, path_of_three):
    first, second, third = path_of_three
    nav = pagination(client.get(first.get_absolute_url()).content.decode())
    assert "govuk-pagination__prev" not in nav
    assert f'href="{second.get_absolute_url()}" rel="next"' in nav
    assert "Design" in nav


def test_middle_stage_links_to_previous_and_next_stages(client, path_of_three):
    first, second, third = path_of_three
    nav = pagination(client.get(second.get_absolute_url()).content.decode())
    assert f'href="{first.get_absolute_url()}" rel="prev"' in nav
    assert f'href="{third.get_absolute_url()}" rel="next"' in nav


def test_last_stage_links_to_the_previous_stage_only(client, path_of_three):
    first, second, third = path_of_three
    html = client.get(third.get_absolute_url()).content.decode()
    nav = pagination(html)
    assert "Stage 3 of 3" in html
    assert f'href="{second.get_absolute_url()}" rel="prev"' in nav
    assert "govuk-pagination__next" not in nav


def test_only_stage_on_the_path_has_no_previous_or_next_links(client):
    only = make_stage("Vision", position=1)
    html = client.get(only.get_absolute_url()).content.decode()
    assert "Stage 1 of 1" in html
    assert "govuk-pagination" not in html


def test_stage_page_shows_purpose_activities_outputs_decision_and_checklist(client):
    stage = make_stage("Vision", position=1, body="## More detail\n\nSome explanation.")
    html = client.get(stage.get_absolute_url()).content.decode()
    for words in ("Purpose of vision.", "First activity", "Second output", "Some explanation."):
        assert words in html
    decision = re.search(r'<section class="app-decision".*?</section>', html, re.S).group(0)
    assert re.search(r"<h3 [^>]*>Are we ready to leave vision\?</h3>", decision)
    assert re.search(r'<ul class="govuk-list app-checklist"><li>First check</li><li>Second check</li></ul>', decision)


def test_stage_page_lists_published_templates_and_examples_of_that_stage_only(client):
    stage, other = make_stage("Vision", position=1), make_stage("Design", position=2)
    make_template("Vision statement", stage=stage, files=["odt"])
    make_template("Draft template", stage=stage, files=["odt"], status=Status.DRAFT)
    make_template("Other stage template", stage=other, files=["odt"])
    make_example("Central government centres", stage=stage)
    make_example("Draft example", stage=stage, status=Status.DRAFT)
    html = client.get(stage.get_absolute_url()).content.decode()
    assert "Vision statement" in html
    assert reverse("toolkit:download", args=[stage.templates.get(title="Vision statement").slug, "odt"]) in html
    assert "Central government centres" in html
    for absent in ("Draft template", "Other stage template", "Draft example"):
        assert absent not in html


def test_stage_page_links_published_related_questions(client):
    live = make_question("How much can be saved?")
    draft = make_question("Unpublished question?", status=Status.DRAFT)
    stage = make_stage("Vision", position=1)
    stage.related_questions.set([live, draft])
    html = client.get(stage.get_absolute_url()).content.decode()
    assert "How much can be saved?" in html
    assert "Unpublished question?" not in html


def test_draft_stage_page_is_not_found_and_skipped_by_neighbours(client):
    first = make_stage("Vision", position=1)
    draft = make_stage("Draft stage", position=2, status=Status.DRAFT)
    third = make_stage("Design", position=3)
    assert client.get(draft.get_absolute_url()).status_code == 404
    nav = pagination(client.get(first.get_absolute_url()).content.decode())
    assert f'href="{third.get_absolute_url()}" rel="next"' in nav


def test_unknown_stage_is_not_found(client):
    assert client.get("/toolkit/no-such-stage/").status_code == 404


def test_every_demo_stage_page_is_a_well_formed_reader_page(client, demo_toolkit):
    html = client.get(reverse("toolkit:index")).content.decode()
    steps = re.search(r'<ol class="app-step-nav".*?</ol>', html, re.S).group(0)
    slugs = re.findall(r'<a class="govuk-link" href="/toolkit/([a-z-]+)/">', steps)
    assert slugs == [
        "vision", "strategy-and-business-case", "design", "procurement-and-build", "transition", "operation",
    ]  # fmt: skip
    for number, slug in enumerate(slugs, start=1):
        page = client.get(f"/toolkit/{slug}/").content.decode()
        assert_reader_page_structure(page)
        assert f"Stage {number} of 6" in page
