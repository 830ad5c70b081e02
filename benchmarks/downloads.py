"""Every row matching the reader's filters as CSV: each figure with its year, its organisation or sample name,
its status, its cluster's median and its sources. Cells come from editors' words, so any that a spreadsheet
would read as a formula is made plain text first."""

import csv
import io

from benchmarks.selectors import matching_returns, rows_for

CSV_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@")
COLUMNS = [
    "Financial year", "Organisation or sample name", "Sample data", "Cluster", "Figures status", "Measure",
    "Value", "Cluster median that year", "Comparator", "Comparator date", "Source titles", "Source web addresses",
]  # fmt: skip


def plain(value):
    """A cell a spreadsheet shows as written: text starting with = + - or @ gets an apostrophe in front."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def number(value):
    """A measure as a plain number for a spreadsheet (empty when not recorded), rounded to 4 places."""
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def row_cells(row, measure_title, comparator):
    item = row.item
    sources = item.source_list
    return [
        item.year_text, item.name, "yes" if item.is_sample else "no",
        item.cluster.title if item.cluster_id else "", item.get_figures_status_display(), measure_title,
        number(row.value), number(row.cluster_median),
        comparator.value_text if comparator else "", comparator.date_text if comparator else "",
        "; ".join(source.title for source in sources), "; ".join(source.url for source in sources),
    ]  # fmt: skip


def as_csv(filters, clusters):
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    measure = filters.measure_object
    title = measure.title(filters.function or None)
    # The medians of every cluster and year in the file come in one query, however many rows there are.
    for row in rows_for(filters, list(matching_returns(filters, clusters))):
        writer.writerow([plain(cell) for cell in row_cells(row, title, measure.comparator)])
    # A byte-order mark, so spreadsheet programs read the pound signs as UTF-8.
    return "\ufeff".encode() + output.getvalue().encode()
