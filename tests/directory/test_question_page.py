"""The question page answers for every organisation in the demo content without JavaScript: a GET form whose
answer names the cluster, its lead, platform and status with dates and sources, or says plainly that there is none."""

import pytest
from django.utils.html import escape

from directory.models import Cluster, Organisation
from directory.selectors import organisation_choices

pytestmark = pytest.mark.django_db

URL = "/directory/which-cluster/"


def answer(client, slug, status=200):
    response = client.get(URL, {"organisation": slug})
    assert response.status_code == status, slug
    return response.content.decode()


def test_every_organisation_in_the_demo_content_gets_an_answer(client, demo_content):
    organisations = list(Organisation.objects.published())
    assert len(organisations) >= 20
    for organisation in organisations:
        html = answer(client, organisation.slug)
        assert f"Answer for {escape(organisation.title)}" in html
        said = [
            f"{organisation.short_name} is in the",
            f"{organisation.short_name} is part of",
            f"{organisation.short_name} no longer exists",
            f"We have no record of {organisation.short_name} in a cluster",
        ]
        assert sum(phrase in html for phrase in said) == 1, organisation.slug


def test_a_member_gets_its_cluster_lead_platform_and_status_each_dated_and_sourced(client, demo_content):
    html = answer(client, "dft")
    assert 'href="/directory/clusters/unity/">Unity cluster</a>' in html
    assert "HM Revenue and Customs (HMRC)</a>, from November 2024" in html
    assert "SAP (cloud), November 2024" in html
    assert "Suppliers contracted, as of November 2024" in html
    assert "The Register, 18 November 2024" in html  # the source, linked, with its date
    assert 'href="https://www.theregister.com/2024/11/18/uk_tax_collector_awards_366/"' in html
    assert 'href="/guidance/joining-your-cluster/"' in html  # what to read next


@pytest.mark.parametrize(
    ("former", "current", "cluster"),
    [("DLUHC", "mhclg", "Unity cluster"), ("NOMS", "hmpps", "Synergy cluster")],
)
def test_a_former_name_is_an_option_that_finds_the_current_organisation(client, demo_content, former, current, cluster):
    options = {choice.label: choice.value for choice in organisation_choices()}
    label = next(label for label in options if f"({former})" in label)
    assert options[label] == current
    assert label.endswith(f"now {Organisation.objects.get(slug=current).short_name}")
    assert f">{cluster}</a>" in answer(client, current)


def test_an_agency_is_answered_through_its_parent_department(client, demo_content):
    html = answer(client, "hmpps")
    assert "HMPPS is part of MoJ, which is in the" in html
    assert ">Synergy cluster</a>" in html


def test_a_closed_department_is_answered_through_the_departments_that_took_over_its_work(client, demo_content):
    html = answer(client, "beis")
    assert "BEIS no longer exists" in html
    assert "It closed in February 2023." in html
    for successor in ("Department for Science, Innovation and Technology", "Department for Business and Trade"):
        assert f">{successor}</a>, in the" in html
    assert html.count(">Matrix cluster</a>") == 3


def test_an_organisation_in_no_cluster_gets_a_clear_answer_not_an_error(client, demo_content):
    html = answer(client, "metropolitan-police")
    assert "We have no record of Metropolitan Police Service in a cluster" in html
    assert "look up that department instead" in html


@pytest.mark.parametrize("chosen", ["no-such-body", "x" * 500, "<script>", "dwp\x00"])
def test_an_unknown_choice_is_a_400_with_the_govuk_error_message(client, demo_content, chosen):
    html = answer(client, chosen, status=400)
    assert "There is a problem" in html
    assert 'href="#organisation"' in html and "Choose your organisation from the list" in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]


def test_the_empty_question_is_the_form_alone(client, demo_content):
    html = answer(client, "")
    assert '<select class="govuk-select" id="organisation" name="organisation"' in html
    assert "Answer for" not in html
    assert 'method="get"' in html


def test_the_chosen_organisation_stays_selected_so_the_reader_can_change_it(client, demo_content):
    html = answer(client, "mhclg")
    name = "Ministry of Housing, Communities and Local Government (MHCLG)"
    assert f'<option value="mhclg" selected>{name}</option>' in html
    assert html.count(" selected>") == 1


def test_a_withdrawn_cluster_is_no_answer(client, demo_content):
    Cluster.objects.filter(slug="unity").update(status="withdrawn")
    html = answer(client, "dft")
    assert "We have no record of DfT in a cluster" in html
