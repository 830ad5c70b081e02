from django.http import HttpResponse
from django.shortcuts import render

from publishing.reader_pages import reader_form_step, reader_page
from tools import selectors


def render_outcome(request, outcome):
    """A file to download, or a page: a step that cannot make its file shows what is missing instead."""
    if isinstance(outcome, selectors.Download):
        response = HttpResponse(outcome.content, content_type=outcome.content_type)
        response["Content-Disposition"] = f'attachment; filename="{outcome.filename}"'
        return response
    return render(request, *outcome)


@reader_page()
def tool_list(request):
    return render(request, "tools/tool_list.html", selectors.tools_index_page())


@reader_page()
def readiness_start(request):
    return render(request, *selectors.readiness_start_page())


@reader_form_step("tools:readiness")
def readiness_answers(request):
    return render(request, *selectors.readiness_step(request.POST))


@reader_form_step("tools:readiness")
def readiness_printable(request):
    return render(request, *selectors.readiness_printable(request.POST))


@reader_form_step("tools:readiness")
def readiness_download(request):
    return render_outcome(request, selectors.readiness_file(request.POST))


@reader_page()
def savings_start(request):
    return render(request, *selectors.savings_form_page())


@reader_form_step("tools:savings")
def savings_estimate(request):
    return render(request, *selectors.savings_step(request.POST))


@reader_form_step("tools:savings")
def savings_download(request):
    file_format = "csv" if request.POST.get("format") == "csv" else "ods"
    return render_outcome(request, selectors.savings_file(request.POST, file_format))
