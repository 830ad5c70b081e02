"""The benchmark pages and the CSV run the same number of queries with 10 recorded returns as with 10,000:
a page of 50 rows, and the medians of the clusters and years on it in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.models import BenchmarkReturn
from tests.factories import make_benchmark_returns, make_cluster

pytestmark = pytest.mark.django_db

BUDGET = 12  # as for every reader page (tests/sharedservices/test_query_budgets.py)
HTML_BUDGET = 120_000


def counts(client, urls):
    found, sizes = {}, {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url], sizes[url] = len(queries), len(response.content)
    return found, sizes


def test_query_counts_do_not_grow_from_ten_returns_to_ten_thousand(client):
    clusters = [make_cluster(f"Cluster {letter}") for letter in "ABC"]
    make_benchmark_returns(10, clusters=clusters, years=(2021, 2022))
    first = BenchmarkReturn.objects.order_by("pk").first()
    urls = [
        "/benchmarks/",
        "/benchmarks/?measure=hr-ratio",
        f"/benchmarks/?measure=finance-spend&year=2022&cluster={clusters[0].slug}",
        "/benchmarks/?measure=cost-per-employee&page=2",
        "/benchmarks/?measure=function-share&function=it&year=2021",
        first.get_absolute_url(),
        "/benchmarks/benchmarks.csv?measure=hr-ratio",
    ]
    small, _ = counts(client, urls)
    make_benchmark_returns(9_990, clusters=clusters, years=(2021, 2022))
    large, sizes = counts(client, urls)
    assert BenchmarkReturn.objects.published().count() == 10_000
    assert {url: (small[url], large[url]) for url in urls if large[url] != small[url]} == {}
    assert max(large.values()) <= BUDGET, large
    pages = {url: size for url, size in sizes.items() if "csv" not in url and size > HTML_BUDGET}
    assert pages == {}
