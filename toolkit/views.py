from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from publishing.models import Status
from publishing.pagination import GroupedList, page_of, page_url
from publishing.reader_pages import page_query, reader_page
from publishing.selectors import live_item_or_redirect
from publishing.views import render_item
from toolkit.files.storage import file_response
from toolkit.models import PROVENANCE_HINTS, Example, FileFormat, Provenance, Stage, Template, current_files

TEMPLATES_PER_PAGE = 20
EXAMPLES_PER_PAGE = 20


@reader_page()
def stage_list(request):
    stages = Stage.objects.in_order().only("title", "slug", "summary", "position", "outputs")
    return render(request, "toolkit/stage_list.html", {"stages": stages})


@reader_page()
def stage_detail(request, slug):
    stage, moved_to = live_item_or_redirect(Stage.objects.all(), slug)
    if moved_to:
        return redirect(moved_to, permanent=True)
    return render_item(request, stage)


@reader_page()
def example_detail(request, slug):
    example, moved_to = live_item_or_redirect(Example.objects.select_related("stage"), slug)
    if moved_to:
        return redirect(moved_to, permanent=True)
    return render_item(request, example)


@reader_page()
def template_detail(request, slug):
    template, moved_to = live_item_or_redirect(Template.objects.select_related("stage").with_files(), slug)
    if moved_to:
        return redirect(moved_to, permanent=True)
    return render_item(request, template)


def known_formats(query):
    # Values that match no stage or format are ignored, so an old or edited link still shows a list.
    return [value for value in query.getlist("format") if value in FileFormat.values]


def template_list_query(query):
    """What the templates list is built from (its page-cache key): the stages asked for, known formats, the page."""
    return [
        *(("stage", slug) for slug in query.getlist("stage")),
        *(("format", value) for value in known_formats(query)),
        *page_query(query),
    ]


def example_list_query(query):
    return [("stage", query.get("stage", "")), *page_query(query)]


@reader_page("stage", "format", "page", normalise=template_list_query)
def template_list(request):
    stages = list(Stage.objects.in_order().only("title", "slug", "position"))
    chosen_stages = [slug for slug in request.GET.getlist("stage") if slug in {s.slug for s in stages}]
    chosen_formats = known_formats(request.GET)
    filters = [("stage", slug) for slug in chosen_stages] + [("format", value) for value in chosen_formats]
    shown_stages = [stage for stage in stages if not chosen_stages or stage.slug in chosen_stages]
    page = page_of(
        in_stage_order(Template.objects.filtered(formats=chosen_formats), shown_stages, prefetch=[current_files()]),
        request.GET.get("page"),
        TEMPLATES_PER_PAGE,
        url_for=lambda number: page_url(reverse("toolkit:templates"), filters, number),
    )
    return render(
        request,
        "toolkit/template_list.html",
        {
            "page": page,
            "templates": page.object_list,
            "stages": stages,
            "formats": FileFormat.choices,
            "chosen_stages": chosen_stages,
            "chosen_formats": chosen_formats,
            "filtered": bool(filters),
            "provenance_labels": [(label, PROVENANCE_HINTS[value]) for value, label in Provenance.choices],
        },
    )


@reader_page("stage", "page", normalise=example_list_query)
def example_list(request):
    stages = list(Stage.objects.in_order().only("title", "slug", "position"))
    # An unknown stage is ignored, as on the templates list.
    chosen_stage = next((stage for stage in stages if stage.slug == request.GET.get("stage")), None)
    filters = [("stage", chosen_stage.slug)] if chosen_stage else []
    page = page_of(
        in_stage_order(Example.objects.all(), [chosen_stage] if chosen_stage else stages),
        request.GET.get("page"),
        EXAMPLES_PER_PAGE,
        url_for=lambda number: page_url(reverse("toolkit:examples"), filters, number),
    )
    return render(
        request,
        "toolkit/example_list.html",
        {"page": page, "examples": page.object_list, "stages": stages, "chosen_stage": chosen_stage},
    )


def in_stage_order(items, stages, prefetch=()):
    """Published items of these stages, stage by stage and by title, paged cheaply (see GroupedList)."""
    return GroupedList(
        items.published().defer("body", "body_html", "headings"),
        stages,
        group_field="stage",
        order=("title", "id"),
        prefetch=prefetch,
    )


@reader_page()
def template_download(request, slug, file_format):
    if file_format not in FileFormat.values:
        raise Http404("No such format")
    template, moved_to = live_item_or_redirect(Template.objects.all(), slug)
    if moved_to:
        return redirect(f"{moved_to}{file_format}/download/", permanent=True)
    if template.status != Status.PUBLISHED:
        raise Http404("This template has been withdrawn")
    template_file = template.files.filter(format=file_format).first()
    if template_file is None:
        raise Http404("This template is not available in that format")
    return file_response(template_file, template.download_name(template_file))
