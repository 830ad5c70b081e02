from django.http import HttpResponse
from django.shortcuts import render

from benchmarks import downloads, selectors
from benchmarks.measures import FUNCTIONS, MEASURES
from benchmarks.models import BenchmarkReturn
from publishing.reader_pages import page_query, reader_page
from publishing.views import render_readable

FILTER_NAMES = ("measure", "function", "year", "cluster")


def filter_query(query):
    """The page-cache key: the filters as the page reads them (unknown measures and functions as the default)."""
    measure = query.get("measure") if query.get("measure") in MEASURES else ""
    function = query.get("function") if query.get("function") in FUNCTIONS else ""
    year, cluster = query.get("year", ""), query.get("cluster", "")
    # A value the page cannot use reads as none at all: never cut short into one that it can.
    year = year if year.isdecimal() and len(year) <= 4 else ""
    cluster = cluster if len(cluster) <= 120 else ""
    return [("measure", measure), ("function", function), ("year", year), ("cluster", cluster)]


def benchmarks_query(query):
    return [*filter_query(query), *page_query(query)]


@reader_page(*FILTER_NAMES, "page", normalise=benchmarks_query)
def index(request):
    return render(request, "benchmarks/index.html", selectors.benchmarks_page(request.GET))


@reader_page(*FILTER_NAMES, normalise=filter_query)
def benchmarks_csv(request):
    filters, _, clusters = selectors.read_filters(request.GET)
    response = HttpResponse(downloads.as_csv(filters, clusters), content_type=downloads.CSV_TYPE)
    response["Content-Disposition"] = 'attachment; filename="benchmarks.csv"'
    return response


@reader_page()
def return_detail(request, slug):
    return render_readable(
        request, BenchmarkReturn.objects.all(), slug, "benchmarks/return_detail.html", selectors.return_page
    )
