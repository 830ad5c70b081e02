"""A reader compares corporate-service costs in a real browser, with JavaScript, without it and on a 320px-wide
screen: choosing a measure, a function, a year and a cluster, reading the chart's comparator line and the table,
opening one return, and downloading the CSV, which opens with Python's csv module. axe-core finds no WCAG 2.x
A/AA violation on the pages."""

import csv
import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def choose(page, label, option):
    page.get_by_label(label, exact=True).select_option(label=option)


def show(page):
    page.get_by_role("button", name="Show figures", exact=True).click()
    page.wait_for_load_state()


def table_rows(page):
    return [" ".join(row.inner_text().split()) for row in page.locator("table tbody tr").all()]


def test_reader_compares_benchmarks_opens_a_return_and_downloads_the_csv(reader):
    page = reader
    page.goto("/")
    page.get_by_role("link", name="Compare corporate-service costs").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Corporate-service benchmarks"
    assert "invented for demonstration" in page.content()
    assert len(table_rows(page)) == 15
    page.check_page()

    choose(page, "Measure", "Employees per HR member of staff")
    choose(page, "Financial year", "2022 to 2023")
    choose(page, "Cluster", "Synergy cluster")
    show(page)
    assert "measure=hr-ratio" in page.url and "cluster=synergy" in page.url
    rows = table_rows(page)
    assert len(rows) == 2 and all("Synergy" in row and "Sample data" in row for row in rows)
    assert all(re.search(r"1:\d+ 1:\d+$", row) for row in rows)  # the value, then the cluster's median
    chart = page.locator("svg.app-chart__image")
    assert "Reference line: Comparator 1:77 (2009 to 2010)" in chart.locator("desc").text_content()
    assert chart.locator("line.app-chart__reference").count() == 1
    assert page.get_by_text("comparator, not a target").count() == 1
    page.check_page()

    choose(page, "Measure", "Cost of a function as a share of running costs")
    choose(page, "Function", "Procurement")
    choose(page, "Financial year", "2021 to 2022")
    show(page)
    assert page.locator("h2#results-heading").inner_text() == "Procurement cost as a share of running costs"
    assert any("Not recorded" in row for row in table_rows(page))
    page.check_page()

    with page.expect_download() as info:
        page.get_by_role("link", name="Download every matching row as CSV").click()
    download = info.value
    assert download.suggested_filename == "benchmarks.csv"
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 2 and {row["Sample data"] for row in rows} == {"yes"}
    assert {row["Measure"] for row in rows} == {"Procurement cost as a share of running costs"}
    assert {row["Financial year"] for row in rows} == {"2021 to 2022"}

    page.get_by_role("link", name="Example department D").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Example department D: 2021 to 2022"
    assert page.get_by_text("The comparators").count() == 1
    assert "Not recorded" in page.locator("table").inner_text()
    page.check_page()
    assert page.problems == {}
