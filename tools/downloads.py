"""The tools' results as files a reader keeps: OpenDocument spreadsheets (made with the toolkit's own
odfpy writer) and CSV. Only validated numbers and the tools' own words go into a file, never text a
reader typed, so no cell can be read as a formula it did not come with.
"""

import csv
import io

from tools.readiness_sheets import answered_sheets
from tools.savings import ASSUMPTIONS, BETTER_EMPLOYEES, MINIMUM_EMPLOYEES, SERVICES

READINESS_FILE = "readiness-self-assessment-results.ods"
SAVINGS_FILE = "savings-estimate"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
CSV_TYPE = "text/csv; charset=utf-8"


def ods_bytes(sheets, title):
    """An ODS file from sheets as dicts of name, widths and rows (a cell starting with "=" is a formula)."""
    # Imported here: only a download needs odfpy, not every request a server process answers.
    from toolkit.files.opendocument import sheets_to_ods
    from toolkit.files.sources import Sheet, sheet_rows

    parsed = [Sheet(sheet["name"], sheet["widths"], sheet_rows(sheet["rows"], sheet["name"])) for sheet in sheets]
    return sheets_to_ods(parsed, title)


def readiness_ods(assessment, answers, result, *, code, answered_on):
    sheets = answered_sheets(assessment, answers, result, code=code, answered_on=answered_on)
    return ods_bytes(sheets, f"{assessment.title}: your results")


def number(amount):
    """A Decimal of pounds as a spreadsheet number: whole pounds as an integer, pence as a float."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def source_text(source):
    return f"{source.publisher}, {source.title}, {source.date_text}: {source.url}"


RATE_HEADINGS = [
    "Rate",
    "Saving rate (0.1 = 10%)",
    "Annual saving (£)",
    "Annual cost after sharing (£)",
    "What the rate is",
    "Source",
]


def rate_rows(result, *, first_row, total_row):
    """One row a rate, its saving and the cost after it worked out by formulas from the baseline's cell."""
    return [
        [scenario.rate.name, float(scenario.rate.fraction), f"=B{total_row}*B{row}", f"=B{total_row}-C{row}",
         scenario.rate.basis, source_text(scenario.rate.source)]
        for row, scenario in enumerate(result.scenarios, start=first_row)
    ]  # fmt: skip


def scale_rows(result, *, first_row):
    """The scale check, the shortfalls worked out by formulas from the employees' cell (first_row + 1)."""
    employees = first_row + 1
    return [
        ["Scale check", "Employees", "How to read it"],
        ["Employees these services support", result.scale.employees, "As you entered it"],
        ["Minimum for good value", MINIMUM_EMPLOYEES, "Cabinet Office, 2010"],
        ["Level for better returns", BETTER_EMPLOYEES, "Cabinet Office, 2010"],
        [f"Employees still needed to reach {MINIMUM_EMPLOYEES:,}", f"=MAX(0,B{employees + 1}-B{employees})",
         "Zero means the services already reach the minimum"],
        [f"Employees still needed to reach {BETTER_EMPLOYEES:,}", f"=MAX(0,B{employees + 2}-B{employees})",
         "Zero means the services already reach the level for better returns"],
    ]  # fmt: skip


def savings_sheet(result, *, made_on):
    """The estimate with live formulas, so a reader can change a figure and see the savings follow."""
    costs_from = 5
    total_row = costs_from + len(SERVICES)
    rows = [
        ["Savings estimate"],
        [f"Made online on {made_on}. The rates are published expectations with their dates, not a promise."],
        [],
        ["Service", "Annual cost now (£)"],
        *([service.name, number(cost)] for service, cost in result.costs),
        ["Total (your baseline)", f"=SUM(B{costs_from}:B{total_row - 1})"],
        [],
        RATE_HEADINGS,
    ]
    rows += rate_rows(result, first_row=len(rows) + 1, total_row=total_row)
    rows.append([])
    rows += scale_rows(result, first_row=len(rows) + 1)
    rows += [[], ["Assumptions"], *([assumption] for assumption in ASSUMPTIONS)]
    return {"name": "Savings estimate", "widths": [46, 22, 22, 28, 90, 90], "rows": rows}


def savings_ods(result, *, made_on):
    return ods_bytes([savings_sheet(result, made_on=made_on)], "Savings estimate")


def savings_csv(result, *, made_on):
    """The same figures as plain values, one table after another, for any program that reads CSV."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(["Savings estimate", f"Made online on {made_on}"])
    writer.writerow([])
    writer.writerow(["Service", "Annual cost now (£)"])
    writer.writerows([service.name, "" if cost is None else cost] for service, cost in result.costs)
    writer.writerow(["Total (your baseline)", result.baseline_pounds])
    writer.writerow([])
    writer.writerow(
        ["Rate", "Saving rate (%)", "Annual saving (£)", "Annual cost after sharing (£)", "What the rate is", "Source"]
    )
    for scenario in result.scenarios:
        rate = scenario.rate
        writer.writerow(
            [rate.name, rate.percent, scenario.saving, scenario.cost_after, rate.basis, source_text(rate.source)]
        )
    writer.writerow([])
    writer.writerow(["Scale check", "Employees"])
    writer.writerow(["Employees these services support", result.scale.employees])
    writer.writerow(["Minimum for good value", MINIMUM_EMPLOYEES])
    writer.writerow(["Level for better returns", BETTER_EMPLOYEES])
    writer.writerow([f"Employees still needed to reach {MINIMUM_EMPLOYEES:,}", result.scale.short_of_minimum])
    writer.writerow([f"Employees still needed to reach {BETTER_EMPLOYEES:,}", result.scale.short_of_better])
    writer.writerow([])
    writer.writerow(["Assumptions"])
    writer.writerows([assumption] for assumption in ASSUMPTIONS)
    # A byte-order mark, so spreadsheet programs read the pound signs as UTF-8.
    return "\ufeff".encode() + output.getvalue().encode()
