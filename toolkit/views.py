from django.http import Http404
from django.shortcuts import redirect, render

from publishing.reader_pages import page_query, reader_page
from publishing.selectors import readable_item_or_redirect
from publishing.views import render_readable
from toolkit import selectors
from toolkit.files.storage import file_response
from toolkit.models import Example, FileFormat, Stage, Template


@reader_page()
def stage_list(request):
    stages = Stage.objects.in_order().only("title", "slug", "summary", "position", "outputs")
    return render(request, "toolkit/stage_list.html", {"stages": stages})


@reader_page()
def stage_detail(request, slug):
    return render_readable(request, Stage.objects.all(), slug, "toolkit/stage_detail.html", selectors.stage_page)


@reader_page()
def example_detail(request, slug):
    examples = Example.objects.select_related("stage")
    return render_readable(request, examples, slug, "toolkit/example_detail.html", selectors.example_page)


@reader_page()
def template_detail(request, slug):
    templates = Template.objects.select_related("stage")
    return render_readable(request, templates, slug, "toolkit/template_detail.html", selectors.template_page)


def template_list_query(query):
    """What the templates list is built from (its page-cache key): the stages asked for, known formats, the page."""
    return [
        *(("stage", slug) for slug in query.getlist("stage")),
        *(("format", value) for value in selectors.known_formats(query.getlist("format"))),
        *page_query(query),
    ]


@reader_page("stage", "format", "page", normalise=template_list_query)
def template_list(request):
    query = request.GET
    context = selectors.template_list_page(
        stage_slugs=query.getlist("stage"), formats=query.getlist("format"), page_number=query.get("page")
    )
    return render(request, "toolkit/template_list.html", context)


def example_list_query(query):
    return [("stage", query.get("stage", "")), *page_query(query)]


@reader_page("stage", "page", normalise=example_list_query)
def example_list(request):
    context = selectors.example_list_page(stage_slug=request.GET.get("stage"), page_number=request.GET.get("page"))
    return render(request, "toolkit/example_list.html", context)


@reader_page()
def template_download(request, slug, file_format):
    if file_format not in FileFormat.values:
        raise Http404("No such format")
    template, moved_to = readable_item_or_redirect(Template.objects.all(), slug)
    if moved_to:
        return redirect(f"{moved_to}{file_format}/download/", permanent=True)
    template_file = selectors.downloadable_file(template, file_format)
    if template_file is None:
        raise Http404("This template is withdrawn or not available in that format")
    return file_response(template_file, template.download_name(template_file))
