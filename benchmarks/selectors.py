"""What the benchmark pages show. Each page reads a fixed number of queries however many figures are recorded:
one page of rows, and the figures of the clusters and years on that page for their medians."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Q
from django.urls import reverse

from benchmarks.measures import (
    DEFAULT_FUNCTION,
    DEFAULT_MEASURE,
    ERG_COMMENTARY,
    FUNCTIONS,
    MEASURES,
    NOT_RECORDED,
    median,
)
from benchmarks.models import FUNCTION_COSTS, BenchmarkReturn, year_text
from directory.models import Cluster
from publishing.pagination import page_of, page_url
from tools.chart import bar_chart

ROWS_PER_PAGE = 50
FIGURE_FIELDS = ("running_costs", "organisation_spend", "employees_served", "hr_staff", *FUNCTION_COSTS)


def _earliest(date):
    """A date as precise as its source, at the start of its period: "2024" -> "2024-01-01"."""
    return (date + "-01-01"[len(date) - 4 :]) if date else ""


def _latest(date):
    return (date + "-12-31"[len(date) - 4 :]) if date else "9999-12-31"


def cluster_on(organisation_slug, year):
    """The published cluster the organisation was a member of on 1 April of the financial year, or None."""
    day = f"{year}-04-01"
    for cluster in Cluster.objects.published().order_by("title", "pk"):
        for entry in cluster.memberships:
            if entry.get("organisation") != organisation_slug:
                continue
            if _earliest(entry.get("from", "")) <= day <= _latest(entry.get("to", "")):
                return cluster
    return None


@dataclass(frozen=True)
class Filters:
    """What a reader asked for, with anything unknown replaced by the default, so an edited link still works."""

    measure: str = DEFAULT_MEASURE
    function: str = ""
    year: int | None = None
    cluster: str = ""  # a cluster's slug

    @classmethod
    def read(cls, query, *, years, cluster_slugs):
        measure = query.get("measure") if query.get("measure") in MEASURES else DEFAULT_MEASURE
        function = ""
        if MEASURES[measure].by_function:
            function = query.get("function") if query.get("function") in FUNCTIONS else DEFAULT_FUNCTION
        year = query.get("year", "")
        year = int(year) if year.isdecimal() and len(year) <= 4 and int(year) in years else None
        cluster = query.get("cluster") if query.get("cluster") in cluster_slugs else ""
        return cls(measure, function, year, cluster)

    @property
    def params(self):
        """The filters as query parameters, in a fixed order: links, the CSV's address and the page cache's key."""
        pairs = [("measure", self.measure), ("function", self.function), ("year", self.year or ""),
                 ("cluster", self.cluster)]  # fmt: skip
        return [(name, str(value)) for name, value in pairs if value]

    @property
    def measure_object(self):
        return MEASURES[self.measure]

    def value(self, figures):
        return self.measure_object.value(figures, self.function or None)


def filter_choices():
    """The years with published figures and the published clusters: two queries."""
    years = BenchmarkReturn.objects.years()
    clusters = list(Cluster.objects.published().order_by("title", "pk").only("title", "slug"))
    return years, clusters


def read_filters(query):
    years, clusters = filter_choices()
    return Filters.read(query, years=set(years), cluster_slugs={c.slug for c in clusters}), years, clusters


def matching_returns(filters, clusters):
    cluster_id = next((c.pk for c in clusters if c.slug == filters.cluster), None)
    returns = BenchmarkReturn.objects.for_filters(year=filters.year, cluster_id=cluster_id)
    return returns.select_related("organisation", "cluster").only(
        "title", "slug", "sources", "figures_status", "financial_year", "sample_name", "status", "draft_of",
        "organisation__title", "organisation__slug", "cluster__title", "cluster__slug", *FIGURE_FIELDS,
    ).in_table_order()  # fmt: skip


def cluster_medians(filters, pairs):
    """The measure's median over every published return of each (cluster id, year): one query."""
    pairs = {(cluster_id, year) for cluster_id, year in pairs if cluster_id}
    if not pairs:
        return {}
    where = Q()
    for cluster_id, year in pairs:
        where |= Q(cluster_id=cluster_id, financial_year=year)
    values = {}
    for row in BenchmarkReturn.objects.published().filter(where).values("cluster_id", "financial_year", *FIGURE_FIELDS):
        key = (row["cluster_id"], row["financial_year"])
        values.setdefault(key, []).append(filters.value(SimpleNamespace(**row)))
    return {key: median(found) for key, found in values.items()}


@dataclass
class Row:
    item: BenchmarkReturn
    value: object
    cluster_median: object
    measure: object

    @property
    def value_text(self):
        return self.measure.text(self.value)

    @property
    def median_text(self):
        if self.item.cluster_id is None:
            return "No cluster"
        return self.measure.text(self.cluster_median)


def rows_for(filters, returns):
    medians = cluster_medians(filters, [(item.cluster_id, item.financial_year) for item in returns])
    measure = filters.measure_object
    return [
        Row(item, filters.value(item), medians.get((item.cluster_id, item.financial_year)), measure) for item in returns
    ]


def chart_for(filters, rows):
    measure = filters.measure_object
    shown = [row for row in rows if row.value is not None]
    references = []
    if measure.comparator:
        comparator = measure.comparator
        references.append((f"{comparator.label} ({comparator.date_text})", comparator.value, comparator.value_text))
    chart = bar_chart(
        measure.title(filters.function or None),
        [(f"{row.item.name}, {row.item.year_text}", row.value, row.value_text) for row in shown],
        references,
    )
    return chart, len(rows) - len(shown)


def benchmarks_page(query):
    filters, years, clusters = read_filters(query)
    base = reverse("benchmarks:index")
    page = page_of(
        matching_returns(filters, clusters),
        query.get("page"),
        ROWS_PER_PAGE,
        url_for=lambda number: page_url(base, filters.params, number),
    )
    rows = rows_for(filters, list(page.object_list))
    chart, not_recorded = chart_for(filters, rows)
    measure = filters.measure_object
    return {
        "filters": filters,
        "measure": measure,
        "measure_title": measure.title(filters.function or None),
        "measure_choices": [(choice.slug, choice.name) for choice in MEASURES.values()],
        "functions": [(slug, name) for slug, (name, _) in FUNCTIONS.items()],
        "years": [(year, year_text(year)) for year in years],
        "cluster_choices": [(cluster.slug, cluster.title) for cluster in clusters],
        "table_caption": f"{measure.title(filters.function or None)}, by organisation and year",
        "page": page,
        "rows": rows,
        "chart": chart if any(row.value is not None for row in rows) else None,
        "not_in_chart": not_recorded,
        "any_sample": any(row.item.is_sample for row in rows),
        "any_management_information": any(row.item.is_management_information for row in rows),
        "caveat_source": ERG_COMMENTARY,
        "csv_url": page_url(reverse("benchmarks:csv"), filters.params, 1),
        "filtered": bool(filters.year or filters.cluster),
        "not_recorded": NOT_RECORDED,
    }


@dataclass
class MeasureLine:
    title: str
    measure: object
    value: object
    cluster_median: object

    @property
    def value_text(self):
        return self.measure.text(self.value)

    @property
    def median_text(self):
        return self.measure.text(self.cluster_median)


def return_page(item):
    """One return: every measure, with its cluster's median that year and the comparator where there is one."""
    peers = []
    if item.cluster_id:
        peers = [
            SimpleNamespace(**row)
            for row in BenchmarkReturn.objects.published()
            .filter(cluster_id=item.cluster_id, financial_year=item.financial_year)
            .values(*FIGURE_FIELDS)
        ]
    lines = []
    for measure in MEASURES.values():
        for function in FUNCTIONS if measure.by_function else [None]:
            lines.append(
                MeasureLine(
                    measure.title(function),
                    measure,
                    measure.value(item, function),
                    median(measure.value(peer, function) for peer in peers) if peers else None,
                )
            )
    return {
        "item": item,
        "lines": lines,
        "peer_count": len(peers),
        "measures_caption": "The measures"
        + (f", with the {item.cluster.title} cluster's median for {item.year_text}" if item.cluster_id else ""),
        "comparators": [measure.comparator for measure in MEASURES.values() if measure.comparator],
        "caveat_source": ERG_COMMENTARY,
    }


def search_words(item):
    """More words for the search index: the organisation's names or the sample name, the cluster and the year."""
    names = item.organisation.all_names if item.organisation_id else [item.sample_name, "sample data"]
    cluster = [item.cluster.title, "cluster"] if item.cluster_id else []
    return " ".join([*names, *cluster, item.year_text, "benchmark", "benchmarking", "corporate services"])
