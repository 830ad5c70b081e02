"""Readers complete each tool in a real browser, with JavaScript, without it and on a 320px-wide screen: the error
paths, changing answers, the results, and downloaded files that open with the libraries that read them. axe-core
finds no WCAG 2.x A/AA violation on any page of either tool."""

import csv
import io

import pytest
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

pytestmark = pytest.mark.django_db(transaction=True)

# Example A of tests/tools/test_readiness_scoring.py, by the answers a reader chooses: 60 of 75 in all.
EXAMPLE_A = [
    "20,000 to 49,999", "Started", "Mostly", "Fully",
    "Mostly", "Mostly", "Mostly", "Mostly",
    "Partly", "Mostly", "Fully", "Mostly",
    "Fully", "Fully", "Mostly",
]  # fmt: skip
EXAMPLE_A_CODE = "2245 4444 3454 554"


def click(page, role, name):
    page.get_by_role(role, name=name, exact=True).click()
    page.wait_for_load_state()


def heading(page):
    return " ".join(page.locator("h1").inner_text().split())


def error_link_reaches(page, target_id):
    """Following an error summary's link reaches its field: GOV.UK Frontend focuses it, or the browser jumps to it."""
    page.locator(".govuk-error-summary__list a").first.click()
    return page.evaluate("document.activeElement.id") == target_id or page.url.endswith(f"#{target_id}")


def answer(page, label):
    page.get_by_label(label, exact=True).check()
    click(page, "button", "Continue")


def sheet(content, name):
    """{first cell: other cells} of one sheet of an ODS file, read with odfpy."""
    document = load(io.BytesIO(content))
    table = next(t for t in document.spreadsheet.getElementsByType(Table) if t.getAttribute("name") == name)
    rows = [[str(cell) for cell in row.getElementsByType(TableCell)] for row in table.getElementsByType(TableRow)]
    return {row[0]: row[1:] for row in rows if row and row[0]}


def download(page, button):
    with page.expect_download() as info:
        page.get_by_role("button", name=button, exact=True).click()
    return info.value


def test_reader_completes_the_readiness_self_assessment_changes_an_answer_and_keeps_the_results(reader):
    page = reader
    page.goto("/")
    page.get_by_role("link", name="Check how ready you are to share services").click()
    page.wait_for_load_state()
    assert heading(page) == "Readiness self-assessment"
    assert "Nothing you enter is stored on our servers" in page.content()
    page.check_page()

    click(page, "button", "Start now")
    assert heading(page) == "How many employees would the shared service serve?"
    page.check_page()
    click(page, "button", "Continue")
    assert page.title().startswith("Error: ")
    assert (
        "Select the answer that best describes where you are now" in page.locator(".govuk-error-summary").inner_text()
    )
    page.check_page()
    assert error_link_reaches(page, "id_employees_1")

    answer(page, EXAMPLE_A[0])
    answer(page, EXAMPLE_A[1])
    click(page, "button", "Previous question")
    assert heading(page) == "Is there a realistic route to serving 50,000 or more employees?"
    assert page.get_by_label("Started", exact=True).is_checked()
    click(page, "button", "Continue")
    for label in EXAMPLE_A[2:]:
        answer(page, label)

    assert heading(page) == "Check your answers"
    page.check_page()
    page.get_by_role("button", name="Change your answer to: Are your senior sponsor and board committed to making "
                     "decisions at pace?").click()  # fmt: skip
    page.wait_for_load_state()
    assert page.get_by_label("Mostly", exact=True).is_checked()
    answer(page, "Started")
    assert heading(page) == "Check your answers"
    assert "Started" in page.locator("dl").nth(1).inner_text()

    click(page, "button", "See your results")
    assert heading(page) == "Your results"
    page.check_page()
    scores = page.locator("table").first.inner_text()
    assert "Effective governance and programme management\t14 out of 20\tGaps to close" in scores
    assert "All factors\t58 out of 75" in scores
    code = page.locator(".app-answer-code").inner_text()
    assert code == "2245 4442 3454 554"

    results = download(page, "Download your results (ODS)")
    assert results.suggested_filename == "readiness-self-assessment-results.ods"
    kept = sheet(results.path().read_bytes(), "Self-assessment")
    assert kept["Total for factor 2 (out of 20)"] == ["14"]
    assert kept["Overall score (out of 75)"] == ["58"]

    click(page, "button", "Open a printable page")
    assert heading(page) == "Your results"
    assert page.locator("form").count() == 1  # the site search in the header, nothing else
    page.check_page()

    page.goto("/tools/readiness/")
    page.get_by_label("Answer code", exact=True).fill("2245")
    click(page, "button", "Continue")
    assert "Enter an answer code of 15 numbers" in page.locator(".govuk-error-summary").inner_text()
    page.check_page()
    assert error_link_reaches(page, "id_code")
    page.get_by_label("Answer code", exact=True).fill(code)
    click(page, "button", "Continue")
    assert heading(page) == "Check your answers"
    assert "Started" in page.locator("dl").nth(1).inner_text()
    assert page.problems == {}


def test_reader_estimates_savings_corrects_bad_figures_and_downloads_csv_and_ods(reader):
    page = reader
    page.goto("/tools/")
    page.check_page()
    page.get_by_role("link", name="Savings estimator", exact=True).click()
    page.wait_for_load_state()
    assert heading(page) == "Estimate what sharing services could save"
    page.check_page()

    page.get_by_label("Human resources (HR), in pounds a year").fill("a lot")
    page.get_by_label("Finance, in pounds a year").fill("-2,000,000")
    page.get_by_label("How many employees do these services support?").fill("99,000,000")
    click(page, "button", "Estimate savings")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the annual cost of human resources (HR) as a number of pounds" in summary
    assert "The annual cost of finance must be £0 or more" in summary
    assert "The number of employees must be 10,000,000 or fewer" in summary
    page.check_page()
    assert error_link_reaches(page, "id_hr")

    page.get_by_label("Human resources (HR), in pounds a year").fill("£1,250,000")
    page.get_by_label("Finance, in pounds a year").fill("2,000,000")
    page.get_by_label("Procurement, in pounds a year").fill("500,000.50")
    page.get_by_label("How many employees do these services support?").fill("18,000")
    click(page, "button", "Estimate savings")
    assert heading(page) == "Your savings estimate"
    page.check_page()
    chart = page.get_by_role("img", name="Estimated saving a year at each published rate")
    assert chart.is_visible()
    table = page.locator("table").first.inner_text()
    assert "40%: high end of the 2010 range\t£1,500,000\t£2,250,001" in table
    assert "2,000 short of the 20,000" in page.locator("main").inner_text()

    estimate = download(page, "Download as CSV")
    assert estimate.suggested_filename == "savings-estimate.csv"
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(estimate.path().read_text("utf-8-sig"))) if row}
    assert rows["Total (your baseline)"] == ["3750001"]
    assert rows["15%: high end of the 2021 aim"][:3] == ["15", "562500", "3187501"]
    estimate = download(page, "Download as a spreadsheet (ODS)")
    assert estimate.suggested_filename == "savings-estimate.ods"
    assert sheet(estimate.path().read_bytes(), "Savings estimate")["Total (your baseline)"] == ["3750000.5"]

    click(page, "button", "Change your figures")
    employees = page.get_by_label("How many employees do these services support?")
    assert employees.input_value() == "18,000"
    employees.fill("60,000")
    click(page, "button", "Estimate savings")
    assert "That reaches 50,000 or more" in page.locator("main").inner_text()
    assert page.problems == {}
