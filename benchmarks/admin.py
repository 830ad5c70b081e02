from django.contrib import admin

from benchmarks.models import BenchmarkReturn
from publishing.admin import PublishedContentAdmin


@admin.register(BenchmarkReturn)
class BenchmarkReturnAdmin(PublishedContentAdmin):
    """Editors record one organisation's figures for one financial year (see the README's "Recording benchmark
    figures"). The title, address and summary are made from the organisation and year when left blank."""

    list_display = ["title", "financial_year", "cluster", "figures_status", "status_label", "last_changed"]
    list_filter = [*PublishedContentAdmin.list_filter, "financial_year", "figures_status"]
    list_select_related = ["updated_by", "cluster"]
    search_fields = ["title", "sample_name", "organisation__title", "organisation__abbreviation"]
    prepopulated_fields = {}
    autocomplete_fields = ["organisation", "cluster"]
    content_fields = [
        "organisation", "sample_name", "financial_year", "cluster", "figures_status", "running_costs",
        "organisation_spend", "employees_served", "hr_staff", "hr_cost", "finance_cost", "procurement_cost",
        "it_cost", "title", "slug", "summary", "body",
    ]  # fmt: skip
