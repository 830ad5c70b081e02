"""The directory's reader pages and downloads: every fact shown carries its date and its source."""

import csv
import io
import json
import re

import pytest

from directory.models import Cluster, Organisation, Provider

pytestmark = pytest.mark.django_db


def main_of(response):
    assert response.status_code == 200
    return response.content.decode().split('id="main-content"', 1)[1].split("</main>", 1)[0]


def test_the_overview_shows_the_five_clusters_with_lead_members_and_status_and_the_providers(client, demo_content):
    html = main_of(client.get("/directory/"))
    for name in ("Defence", "Overseas", "Synergy", "Matrix", "Unity"):
        assert f">{name} cluster</a></h3>" in html
    assert "Department for Work and Pensions (DWP)</a>" in html
    assert "Delivering, behind schedule, as of March 2026" in html
    assert "Running today" in html and "From the past" in html
    assert 'href="/directory/providers/sscl/"' in html and 'href="/directory/providers/moj-shared-services/"' in html
    assert 'href="/directory/directory.csv"' in html and 'href="/directory/directory.json"' in html
    assert 'href="/directory/timeline/"' in html and 'href="/directory/which-cluster/"' in html


def test_every_fact_on_a_cluster_page_cites_a_numbered_source_that_the_page_lists(client, demo_content):
    html = main_of(client.get("/directory/clusters/matrix/"))
    cited = set(re.findall(r'href="#(source-\d+)"', html))
    listed = set(re.findall(r'<li id="(source-\d+)"', html))
    assert cited and cited <= listed
    facts = html.split('id="about"')[0]
    # Every row of the members, suppliers and targets tables cites at least one source.
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', facts, flags=re.S)
    body_rows = [row for row in rows if "govuk-table__cell" in row]
    assert len(body_rows) >= 12
    assert all('href="#source-' in row for row in body_rows)
    assert "Former members" in facts and "Until February 2023" in facts


def test_the_organisation_page_answers_with_sources_from_the_cluster_and_lists_former_names(client, demo_content):
    html = main_of(client.get("/directory/organisations/hmpps/"))
    assert "HMPPS is part of MoJ, which is in the" in html
    assert "National Offender Management Service" in html and "2004 to April 2017" in html
    assert '(<a class="govuk-link" href="https://www.gov.uk/government/publications/dwp-accounting' in html


def test_a_provider_page_shows_who_ran_it_who_it_served_and_what_became_of_it(client, demo_content):
    html = main_of(client.get("/directory/providers/moj-shared-services/"))
    assert "Ended November 2014. Programme written off; moved to SSCL." in html
    assert (
        "This page describes the position from 2012 to 2014"
        in client.get("/directory/providers/moj-shared-services/").content.decode()
    )
    html = main_of(client.get("/directory/providers/sscl/"))
    assert "Still running" in html
    assert "Sopra Steria (100%)" in html and "From November 2023" in html
    assert "Construction Industry Training Board (CITB)" in html and "Named in a source dated 24 October 2023" in html


def test_the_timeline_is_an_ordered_list_by_year_from_2005_with_sources(client, demo_content):
    html = main_of(client.get("/directory/timeline/"))
    years = re.findall(r'<h2 class="govuk-heading-l" id="year-(\d{4})">', html)
    assert years[0] == "2005" and years == sorted(years) and years[-1] == "2026"
    assert html.count('<ol class="govuk-list app-timeline"') == len(years)
    items = re.findall(r'<li class="app-timeline__item">(.*?)</li>', html, flags=re.S)
    assert len(items) >= 25 and all('rel="external noopener"' in item for item in items)


def test_a_draft_cluster_and_organisation_are_not_shown_to_readers(client, demo_content):
    Organisation.objects.filter(slug="dwp").update(status="draft")
    Cluster.objects.filter(slug="unity").update(status="draft")
    assert client.get("/directory/organisations/dwp/").status_code == 404
    html = main_of(client.get("/directory/"))
    assert ">Unity cluster<" not in html
    assert 'href="/directory/organisations/dwp/"' not in html


def test_the_csv_has_a_row_per_organisation_and_cluster_with_dates_as_of_and_sources(client, demo_content):
    response = client.get("/directory/directory.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="directory.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_name = {row["abbreviation"] or row["organisation"]: row for row in rows}
    assert len({row["organisation"] for row in rows}) == Organisation.objects.published().count()
    dwp = by_name["DWP"]
    assert (dwp["cluster"], dwp["role"], dwp["member_from"]) == ("Synergy cluster", "lead", "2023-04")
    assert dwp["platform"] == "Oracle Fusion (cloud)" and dwp["platform_date"] == "2024-08-30"
    assert dwp["cluster_as_of"] == "2026-11-27"
    assert "https://www.gov.uk/government/publications/dwp-accounting-officer" in dwp["sources"]
    assert by_name["HMPPS"]["how"] == "through its parent, MoJ"
    assert "Levelling Up" in by_name["MHCLG"]["former_names"]
    assert by_name["Metropolitan Police Service"]["cluster"] == ""
    beis = [row for row in rows if row["abbreviation"] == "BEIS"]
    assert len(beis) == 3 and {row["how"] for row in beis} == {
        "through its successor, DSIT",
        "through its successor, DESNZ",
        "through its successor, DBT",
    }


def test_the_json_carries_every_kind_with_dated_facts_and_their_sources(client, demo_content):
    data = json.loads(client.get("/directory/directory.json").content)
    assert data["as_of"] == "2026-11-27"
    assert [c["name"] for c in data["clusters"]] == sorted(c["name"] for c in data["clusters"])
    synergy = next(c for c in data["clusters"] if c["slug"] == "synergy")
    assert synergy["platform"]["date"] == "2024-08-30"
    assert synergy["platform"]["sources"][0]["publisher"] == "PublicTechnology"
    capita = next(s for s in synergy["suppliers"] if s["name"] == "Capita")
    assert "£370m" in capita["value"] and "£873.41m" in capita["value"]
    mhclg = next(o for o in data["organisations"] if o["slug"] == "mhclg")
    assert mhclg["former_names"][0]["abbreviation"] == "DLUHC" and mhclg["former_names"][0]["to"] == "2024-07"
    assert len(data["providers"]) == Provider.objects.published().count()
    assert all(fact["sources"] for c in data["clusters"] for fact in c["members"])


@pytest.mark.parametrize(
    "path", ["/", "/guidance/providers/", "/guidance/customers/", "/guidance/shared-services-today/"]
)
def test_the_home_page_the_guidance_landing_pages_and_the_today_guide_link_to_the_directory(client, demo_content, path):
    html = main_of(client.get(path))
    assert 'href="/directory/which-cluster/"' in html
    assert 'href="/directory/"' in html


def test_the_directory_links_back_to_the_guidance_for_providers_and_customers(client, demo_content):
    html = main_of(client.get("/directory/"))
    assert 'href="/guidance/providers/"' in html and 'href="/guidance/customers/"' in html
    answer = main_of(client.get("/directory/which-cluster/?organisation=dwp"))
    assert 'href="/guidance/joining-your-cluster/"' in answer and 'href="/toolkit/"' in answer


def test_every_page_offers_the_directory_in_its_service_navigation_marked_when_inside_it(client, demo_content):
    about = client.get("/about/").content.decode().split("</header>", 1)[0]
    assert 'href="/directory/"' in about and ">Directory<" in about.replace("\n", "").replace("  ", "")
    inside = client.get("/directory/timeline/").content.decode().split("</header>", 1)[0]
    assert "govuk-service-navigation__item--active" in inside.split('href="/directory/"', 1)[0].rsplit("<li", 1)[1]
