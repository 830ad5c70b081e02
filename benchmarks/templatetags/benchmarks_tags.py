"""The benchmark pages' GOV.UK components, drawn by the official macros from the pages' lists: the filter
selects, the table of returns, a return's summary and its table of measures."""

from django import template
from django.utils.html import format_html

from sharedservices.govuk import render

register = template.Library()


def sample_tag():
    return render("tag", {"text": "Sample data", "classes": "govuk-tag--yellow app-sample-tag"})


def numeric(text):
    return {"text": text, "format": "numeric"}


def linked(url, text):
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, text)


@register.simple_tag
def sample_data_tag():
    return sample_tag()


@register.simple_tag
def filter_select(name, label, options, chosen, *, hint="", everything=""):
    """A select of (value, text) options, with an "everything" option first when given."""
    items = [{"value": "", "text": everything}] if everything else []
    items += [{"value": str(value), "text": text, "selected": str(value) == str(chosen)} for value, text in options]
    params = {
        "id": name, "name": name, "items": items, "classes": "govuk-!-width-full",
        "label": {"text": label, "classes": "govuk-label--s"},
    }  # fmt: skip
    if hint:
        params["hint"] = {"text": hint}
    return render("select", params)


def organisation_cell(item):
    name = linked(item.get_absolute_url(), item.name)
    return {"html": format_html("{} {}", name, sample_tag()) if item.is_sample else name}


def cluster_cell(item):
    if not item.cluster_id:
        return {"text": "None recorded"}
    return {"html": linked(item.cluster.get_absolute_url(), item.cluster.title)}


@register.simple_tag
def returns_table(rows, measure, caption):
    """One row a return: the organisation (tagged if it is sample data), year, cluster, value and cluster median."""
    head = [{"text": "Organisation"}, {"text": "Year"}, {"text": "Cluster"}, numeric(measure.unit),
            numeric("Cluster median that year")]  # fmt: skip
    body = [
        [organisation_cell(row.item), {"text": row.item.year_text}, cluster_cell(row.item),
         numeric(row.value_text), numeric(row.median_text)]
        for row in rows
    ]  # fmt: skip
    return render(
        "table",
        {"caption": caption, "captionClasses": "govuk-table__caption--s", "head": head, "rows": body,
         "firstCellIsHeader": True, "classes": "app-tool-table"},
    )  # fmt: skip


@register.simple_tag
def return_summary(item):
    """Whose figures they are, the year, the cluster that year and what the figures are."""
    if item.organisation_id:
        who_key, who = "Organisation", linked(item.organisation.get_absolute_url(), item.organisation.title)
    else:
        who_key, who = "Sample name", format_html("{} (invented for demonstration)", item.sample_name)
    rows = [
        (who_key, who),
        ("Financial year", item.year_text),
        ("Cluster that year", cluster_cell(item).get("html") or "None recorded"),
        ("What the figures are", item.get_figures_status_display()),
    ]
    items = [{"key": {"text": key}, "value": {"html": format_html("{}", value)}} for key, value in rows]
    return render("summary-list", {"rows": items})


@register.simple_tag
def measures_table(item, lines, caption):
    """Every measure of one return, with its cluster's median and the comparator where there is one."""
    head = [{"text": "Measure"}, numeric("Sample figure" if item.is_sample else "Figure"), numeric("Cluster median"),
            {"text": "Comparator"}]  # fmt: skip
    body = []
    for line in lines:
        comparator = line.measure.comparator
        body.append([
            {"text": line.title}, numeric(line.value_text),
            numeric(line.median_text if item.cluster_id else "No cluster"),
            {"text": f"{comparator.value_text} ({comparator.date_text})" if comparator else "None published"},
        ])  # fmt: skip
    return render(
        "table",
        {"caption": caption, "captionClasses": "govuk-table__caption--m", "head": head, "rows": body,
         "firstCellIsHeader": True, "classes": "app-tool-table"},
    )  # fmt: skip
