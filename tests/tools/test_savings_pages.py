"""The savings estimator's pages and files through the test client: errors with a summary, the results as a
chart with a text alternative beside a table of the same figures, and CSV and ODS files that open."""

import csv
import io
import re

import pytest
from django.test import Client
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

from tests.pagecheck import assert_reader_page_structure

FIGURES = {"hr": "£1,250,000", "finance": "2 000 000", "procurement": "500000.50", "other": "", "employees": "18,000"}


def post(data, path="/tools/savings/estimate/"):
    response = Client().post(path, data)
    assert response.status_code == 200, response.status_code
    return response


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_form_page_asks_for_each_service_and_the_employees_and_says_nothing_is_stored(client):
    response = client.get("/tools/savings/")
    html = response.content.decode()
    assert_reader_page_structure(html, title_prefix="Savings estimator")
    for name in ("hr", "finance", "procurement", "other", "employees"):
        assert f'name="{name}"' in html
    assert "Nothing you enter is stored on our servers" in html
    assert 'action="/tools/savings/estimate/"' in html
    assert "csrfmiddlewaretoken" not in html and not response.cookies


def test_bad_figures_get_an_error_summary_linked_to_each_field_and_keep_what_was_typed():
    html = post({**FIGURES, "hr": "lots", "finance": "-5", "employees": "1.5"}).content.decode()
    assert_reader_page_structure(html, title_prefix="Error: Savings estimator")
    assert '<a href="#id_hr">Enter the annual cost of human resources (HR) as a number of pounds' in html
    assert '<a href="#id_finance">The annual cost of finance must be £0 or more</a>' in html
    assert '<a href="#id_employees">Enter the number of employees as a whole number, like 25,000</a>' in html
    assert html.count('class="govuk-error-message"') == 3
    assert 'value="lots"' in html and 'value="-5"' in html


def test_the_results_show_the_range_the_rates_the_scale_check_and_the_assumptions():
    html = post(FIGURES).content.decode()
    assert_reader_page_structure(html, title_prefix="Your savings estimate")
    text = text_of(html)
    assert "cost £3,750,001 a year now" in text
    assert "would save between £375,000 and £1,500,000 a year" in text
    assert "10%: low end of the 2021 aim £375,000 £3,375,001" in text
    assert "40%: high end of the 2010 range £1,500,000 £2,250,001" in text
    assert "That is 2,000 short of the 20,000 a shared service needs to give good value." in text
    assert "not a promise" in text
    for citation in ("National Audit Office, 30 November 2022", "House of Lords, 4 March 2024",
                     "Cabinet Office, 7 April 2010"):  # fmt: skip
        assert citation in text
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_the_chart_is_an_image_with_a_text_alternative_giving_the_tables_figures():
    html = post(FIGURES).content.decode()
    start = html.index('<svg class="app-chart__image"')
    svg = html[start : html.index("</svg>", start)]
    assert 'role="img"' in svg and 'aria-labelledby="savings-chart-title savings-chart-description"' in svg
    description = re.search(r'<desc id="savings-chart-description">(.*?)</desc>', svg).group(1)
    table = html[html.index("<table", start) : html.index("</table>", start)]
    for saving in ("£375,000", "£562,500", "£750,000", "£1,500,000"):
        assert saving in description and saving in table
    # The longest bar (40%) takes the 282 units left after room for its value; the others are in proportion:
    # 282 x 375,000 / 1,500,000 = 70.5 -> 70 (rounded to even), 282 x 562,500 / 1,500,000 = 105.75 -> 106, half -> 141.
    bars = [int(width) for width in re.findall(r'<rect class="app-chart__bar" [^>]*width="(\d+)"', svg)]
    assert bars == [70, 106, 141, 141, 282]


def test_change_your_figures_fills_the_form_with_them():
    html = post({**FIGURES, "go": "change"}).content.decode()
    assert "There is a problem" not in html
    assert 'value="£1,250,000"' in html and 'value="18,000"' in html


def test_the_results_carry_the_figures_to_the_downloads_as_the_form_reads_them():
    html = post(FIGURES).content.decode()
    carried = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    assert carried == {
        "hr": "1,250,000",
        "finance": "2,000,000",
        "procurement": "500,000.50",
        "other": "",
        "employees": "18,000",
    }
    assert post({**carried, "format": "csv"}, "/tools/savings/download/")["Content-Type"].startswith("text/csv")


def test_the_csv_opens_with_the_csv_module_and_holds_the_same_figures():
    response = post({**FIGURES, "format": "csv"}, "/tools/savings/download/")
    assert response["Content-Disposition"] == 'attachment; filename="savings-estimate.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_label = {row[0]: row[1:] for row in rows if row}
    assert by_label["Total (your baseline)"] == ["3750001"]
    assert by_label["10%: low end of the 2021 aim"][:3] == ["10", "375000", "3375001"]
    assert by_label["40%: high end of the 2010 range"][:3] == ["40", "1500000", "2250001"]
    assert by_label["Employees still needed to reach 20,000"] == ["2000"]
    assert by_label["Procurement"] == ["500000.50"]


def ods_rows(content):
    """{first cell: [the other cells' shown values]} of every row of the first sheet."""
    document = load(io.BytesIO(content))
    sheet = document.spreadsheet.getElementsByType(Table)[0]
    rows = {}
    for row in sheet.getElementsByType(TableRow):
        cells = [str(cell) for cell in row.getElementsByType(TableCell)]
        if cells and cells[0]:
            rows[cells[0]] = cells[1:]
    return rows


def test_the_ods_opens_with_odfpy_and_its_formulas_show_the_same_figures():
    response = post({**FIGURES, "format": "ods"}, "/tools/savings/download/")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"] == 'attachment; filename="savings-estimate.ods"'
    rows = ods_rows(response.content)
    assert rows["Total (your baseline)"] == ["3750000.5"]
    assert [round(float(v)) for v in rows["10%: low end of the 2021 aim"][1:3]] == [375_000, 3_375_000]
    assert rows["Employees still needed to reach 20,000"][0] == "2000"
    assert "not a promise" in " ".join(rows)


@pytest.mark.parametrize("file_format", ["csv", "ods"])
def test_a_download_with_bad_figures_shows_the_form_with_its_errors(file_format):
    response = post({**FIGURES, "employees": "none", "format": file_format}, "/tools/savings/download/")
    assert response["Content-Type"].startswith("text/html")
    assert "Enter the number of employees as a whole number" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"hr": "<script>alert(1)</script>", "employees": "\x00"},
        {"hr": "9" * 1_000_000, "employees": "1"},
        {"hr": ["1", "2"], "employees": ["3", "x"]},
        {"go": "change", "hr": '"><script>'},
    ],
)
def test_odd_or_hostile_figures_get_a_normal_page(data):
    html = post(data).content.decode()
    assert "<script>" not in html
    assert_reader_page_structure(html)


def test_no_step_sets_a_cookie_or_may_be_kept_by_a_shared_cache():
    for path, data in (
        ("/tools/savings/estimate/", FIGURES),
        ("/tools/savings/download/", {**FIGURES, "format": "csv"}),
    ):
        response = Client().post(path, data)
        assert not response.cookies
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
