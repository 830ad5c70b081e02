"""Editors record a return in the admin: the title, address, summary and cluster fill themselves in, bad figures
get a clear message on the form (never a server error), and the second-person rule applies as for any page."""

import pytest
from django.test import Client
from django.urls import reverse

from benchmarks.models import BenchmarkReturn, FiguresStatus
from publishing import workflow
from publishing.models import Status
from tests.factories import make_benchmark_return, make_cluster, make_editor, make_organisation, make_publisher, member

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:benchmarks_benchmarkreturn_add")
SOURCE = {
    "sources-1-title": "Annual report and accounts 2022 to 2023",
    "sources-1-publisher": "The department",
    "sources-1-date": "2023-07",
    "sources-1-url": "https://example.com/annual-report",
}


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(**changes):
    data = {
        "organisation": "", "sample_name": "", "financial_year": "2022", "cluster": "",
        "figures_status": FiguresStatus.MANAGEMENT_INFORMATION, "running_costs": "1000000",
        "organisation_spend": "2000000", "employees_served": "770", "hr_staff": "10", "hr_cost": "20000",
        "finance_cost": "20000", "procurement_cost": "", "it_cost": "55000", "title": "", "slug": "", "summary": "",
        "body": "", "audience": "everyone", "owner": "Shared Services Team", "history_period": "",
        "review_due": "", "last_reviewed": "", "change_type": "minor", "change_note": "", **SOURCE,
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def organisation():
    department = make_organisation("Department of Examples")
    make_cluster("Alpha", memberships=[member(department, since="2021-04")])
    return department


def test_an_editor_records_a_return_and_its_title_address_summary_and_cluster_fill_in(organisation):
    response = signed_in(make_editor()).post(ADD_URL, form_data(organisation=organisation.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    item = BenchmarkReturn.objects.get()
    assert item.title == "Department of Examples: 2022 to 2023"
    assert item.slug == "department-of-examples-2022-to-2023"
    assert "Department of Examples" in item.summary
    assert item.cluster.title == "Alpha"
    assert item.status == Status.DRAFT and item.procurement_cost is None
    assert item.sources[0]["title"] == "Annual report and accounts 2022 to 2023"


def test_the_cluster_is_the_one_it_belonged_to_on_1_april_of_the_year():
    department = make_organisation("Late joiner")
    make_cluster("Joined in June", memberships=[member(department, since="2022-06")])
    editor = signed_in(make_editor())
    editor.post(ADD_URL, form_data(organisation=department.pk, financial_year="2022"))
    editor.post(ADD_URL, form_data(organisation=department.pk, financial_year="2023"))
    clusters = dict(BenchmarkReturn.objects.values_list("financial_year", "cluster__title"))
    assert clusters == {2022: None, 2023: "Joined in June"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"organisation": "", "sample_name": ""}, "Choose the organisation, or give a sample name"),
        ({"sample_name": "Example department A"}, "not both"),
        ({"organisation": "", "sample_name": "Example department A"}, "must be marked sample data"),
        ({"figures_status": FiguresStatus.SAMPLE}, "cannot be marked sample data"),
        ({"running_costs": "-5"}, "Give 0 or more."),
        ({"hr_cost": "-1"}, "Give 0 or more."),
        ({"running_costs": "100000000001"}, "more than £100bn"),
        ({"employees_served": "0"}, "Give at least 1."),
        ({"employees_served": "3000000"}, "more than 2 million"),
        ({"hr_staff": "abc"}, "Enter a number."),
        ({"financial_year": "1999"}, "Give a year from 2000."),
        ({"financial_year": "twenty"}, "Enter a whole number."),
        ({"it_cost": "990000"}, "add up to more than the running costs"),
    ],
)
def test_bad_figures_get_a_clear_message_on_the_form(organisation, changes, message):
    response = signed_in(make_editor()).post(ADD_URL, form_data(**{"organisation": organisation.pk, **changes}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BenchmarkReturn.objects.exists()


def test_a_second_return_for_the_same_organisation_and_year_is_refused(organisation):
    make_benchmark_return(organisation=organisation, year=2022)
    response = signed_in(make_editor()).post(ADD_URL, form_data(organisation=organisation.pk))
    assert response.status_code == 200
    assert "already has a return for that financial year" in response.content.decode()
    assert BenchmarkReturn.objects.count() == 1


def test_an_organisation_with_returns_cannot_be_deleted_from_under_them(organisation):
    from django.db.models import ProtectedError

    make_benchmark_return(organisation=organisation)
    with pytest.raises(ProtectedError):
        organisation.delete()


def test_whoever_recorded_the_figures_may_not_publish_them(organisation):
    author, other = make_publisher("author"), make_publisher("other")
    signed_in(author).post(ADD_URL, form_data(organisation=organisation.pk))
    item = BenchmarkReturn.objects.get()
    workflow.item_submit_for_review(item=item, user=author)
    with pytest.raises(workflow.WorkflowError, match="another publisher"):
        workflow.item_publish(item=item, user=author)
    live = workflow.item_publish(item=item, user=other)
    assert BenchmarkReturn.objects.published().filter(pk=live.pk).exists()
