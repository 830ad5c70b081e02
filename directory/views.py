from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from directory import downloads
from directory.models import Cluster, Organisation, Provider
from directory.selectors import (
    cluster_page,
    organisation_page,
    organisation_picker,
    overview_page,
    provider_page,
    timeline_page,
    which_cluster_page,
)
from publishing.reader_pages import reader_page
from publishing.views import render_readable


@reader_page()
def overview(request):
    return render(request, "directory/overview.html", overview_page())


@reader_page()
def cluster_detail(request, slug):
    return render_readable(request, Cluster.objects.all(), slug, "directory/cluster_detail.html", cluster_page)


@reader_page()
def organisation_detail(request, slug):
    return render_readable(
        request, Organisation.objects.all(), slug, "directory/organisation_detail.html", organisation_page
    )


@reader_page()
def provider_detail(request, slug):
    return render_readable(request, Provider.objects.all(), slug, "directory/provider_detail.html", provider_page)


@reader_page()
def timeline(request):
    return render(request, "directory/timeline.html", timeline_page())


@reader_page("organisation", normalise=lambda query: [("organisation", _chosen_from(query))])
def which_cluster(request):
    """One question, answered on the same address: a GET form, so the answer is cached like any page."""
    chosen = _chosen_from(request.GET)
    context = which_cluster_page(chosen)
    error = "Choose your organisation from the list" if chosen and context.get("organisation") is None else None
    context["picker"] = organisation_picker(context["choices"], error)
    if error:
        context["error"], context["error_list"] = error, [{"text": error, "href": "#organisation"}]
        return render(request, "directory/which_cluster.html", context, status=400)
    return render(request, "directory/which_cluster.html", context)


def _chosen_from(query):
    return query.get("organisation", "").strip()[:120]


@reader_page()
def directory_csv(request):
    response = HttpResponse(downloads.as_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="directory.csv"'
    return response


@reader_page()
def directory_json(request):
    response = JsonResponse(downloads.as_data(), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="directory.json"'
    return response
