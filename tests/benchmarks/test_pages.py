"""The benchmark pages as readers use them: filters that work without JavaScript, sample rows tagged, the caveat
where the figures are management information, the comparator with its date and source, sources, and the CSV."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.test import Client

from tests.factories import make_benchmark_return, make_cluster, make_organisation

pytestmark = pytest.mark.django_db

REPORT = [{"title": "Annual report 2022 to 2023", "publisher": "Department of Examples", "date": "2023-07",
           "url": "https://example.com/report"}]  # fmt: skip


@pytest.fixture
def returns():
    department = make_organisation("Department of Examples")
    alpha, beta = make_cluster("Alpha", members=[department]), make_cluster("Beta")
    real = make_benchmark_return(organisation=department, cluster=alpha, year=2022, sources=REPORT)
    # Alpha 2022: HR staff 10, 20 and 40 for 770 employees: 1:77, 1:38.5 and 1:19.25; the median is 1:38.5.
    make_benchmark_return(sample_name="Example department A", cluster=alpha, year=2022, hr_staff=20)
    make_benchmark_return(sample_name="Example department B", cluster=alpha, year=2022, hr_staff=40)
    make_benchmark_return(sample_name="Example department C", cluster=beta, year=2021, finance_cost=None)
    return real


def sample_tags(html):
    return len(re.findall(r'app-sample-tag">\s*Sample data\s*</strong>', html))


def page(query=""):
    response = Client().get(f"/benchmarks/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_every_sample_row_is_tagged_and_the_page_says_sample_data_is_invented(returns):
    html = page()
    assert sample_tags(html) == 3
    assert "invented for demonstration" in html
    assert "not the figures of any real department or cluster" in html


def test_management_information_carries_its_caveat_with_its_source(returns):
    html = page()
    assert "management information are not official statistics" in html
    assert "Commentary to Back Office Benchmark Information 2009/10" in html


def test_a_page_of_sample_data_only_has_no_management_information_caveat(returns):
    html = page("?year=2021")
    assert "Example department C" in html and "Department of Examples" not in html
    assert "not official statistics" not in html


def test_the_hr_ratio_shows_the_cluster_median_and_the_comparator_with_its_date_and_source(returns):
    html = page("?measure=hr-ratio&year=2022&cluster=" + returns.cluster.slug)
    assert "1:77" in html and "1:38" in html and "1:19" in html
    assert html.count('<td class="govuk-table__cell govuk-table__cell--numeric">1:38</td>') == 4  # 1 value, 3 medians
    assert "Comparator 1:77" in html and "2009 to 2010" in html and "comparator, not a target" in html
    assert "Budget 2010" in html


def test_the_chart_has_a_reference_line_and_a_text_alternative_and_a_table_of_the_same_figures(returns):
    html = page("?measure=hr-ratio&year=2022")
    chart = html[html.index('<svg class="app-chart__image"') :]
    chart = chart[: chart.index("</svg>")]
    assert 'role="img"' in chart and "<desc" in chart
    assert "Reference line: Comparator 1:77 (2009 to 2010), at 1 HR member of staff per 77 employees." in chart
    assert 'class="app-chart__reference"' in chart
    assert "<table" in html[html.index('<svg class="app-chart__image"') :]


def test_a_missing_figure_reads_not_recorded_and_stays_out_of_the_chart(returns):
    html = page("?measure=finance-spend&year=2021")
    assert "Not recorded" in html
    assert "1 row on this page has no figure for this measure and is not in the chart." in html
    assert "app-chart__image" not in html  # the only row has no figure: no empty chart


def test_a_function_filter_changes_the_measure(returns):
    assert "IT cost as a share of running costs" in page("?measure=function-share&function=it")
    assert "5.50%" in page("?measure=function-share&function=it")


@pytest.mark.parametrize(
    "query",
    [
        "?measure=nonsense",
        "?year=abc",
        "?year=1850",
        "?year=%C2%B2",
        "?year=" + "9" * 5000,
        "?cluster=%3Cscript%3E",
        "?page=99999",
        "?function=x",
        "?measure=hr-ratio&measure=x",
    ],
)
def test_unknown_filters_fall_back_to_the_defaults_never_an_error(returns, query):
    html = page(query)
    assert "Finance cost as a share of running costs" in html and "<script>" not in html


def test_a_return_page_shows_every_measure_with_the_cluster_median_and_its_own_sources(returns):
    html = Client().get(returns.get_absolute_url()).content.decode()
    measures = (
        "HR cost as a share of running costs",
        "Employees per HR member of staff",
        "Finance cost as a share of organisational spend",
        "Corporate-service cost per employee served",
    )
    assert all(measure in html for measure in measures)
    assert "1:38" in html  # Alpha's median for 2022
    assert "Annual report 2022 to 2023" in html
    assert sample_tags(html) == 0


def test_the_csv_opens_with_pythons_csv_module_and_has_every_matching_row(returns):
    response = Client().get("/benchmarks/benchmarks.csv?measure=hr-ratio&year=2022")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3
    real = next(row for row in rows if row["Organisation or sample name"] == "Department of Examples")
    assert real["Sample data"] == "no" and real["Figures status"].startswith("Management information")
    assert Decimal(real["Value"]) == 77 and Decimal(real["Cluster median that year"]) == Decimal("38.5")
    assert real["Comparator"] == "1 HR member of staff per 77 employees" and real["Comparator date"] == "2009 to 2010"
    assert real["Source web addresses"] == "https://example.com/report"
    assert {row["Sample data"] for row in rows if row is not real} == {"yes"}


def test_the_csv_never_starts_a_cell_with_a_formula():
    make_benchmark_return(sample_name='=HYPERLINK("http://evil")', year=2022)
    rows = list(csv.reader(io.StringIO(Client().get("/benchmarks/benchmarks.csv").content.decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'


def test_the_page_shows_fifty_rows_and_links_to_the_next_page():
    for number in range(55):
        make_benchmark_return(sample_name=f"Example {number:02}", year=2022)
    html = page()
    assert html.count('<th scope="row"') == 50
    assert "Showing 1 to 50 of 55 returns" in html and "page=2" in html
    assert page("?page=2").count('<th scope="row"') == 5
