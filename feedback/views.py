"""The feedback forms' endpoints. Without JavaScript each step is an ordinary page; with it
(feedback.mjs, which sends X-Requested-With: fetch) each answer is a fragment put in place of the form.

The forms sit on cached reader pages, so they carry no CSRF token and need no session:
these views are CSRF-exempt by design and protected by feedback.guards instead.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from feedback import guards
from feedback.forms import AnswerForm, DetailsForm
from feedback.pages import is_feedback_page
from feedback.services import details_ref, feedback_answer, feedback_details


def is_inline(request):
    return request.headers.get("X-Requested-With") == "fetch"


def respond(request, template, context, status=200):
    """The step as a fragment for the inline form, or as a page of its own."""
    inline = is_inline(request)
    name = f"feedback/partials/{template}.html" if inline else f"feedback/{template}.html"
    response = render(request, name, {**context, "full_page": not inline}, status=status)
    response["Vary"] = "X-Requested-With"
    response["X-Robots-Tag"] = "noindex"
    return response


def refused(request, refusal, page=""):
    return respond(request, "refused", {"refusal": refusal, "page": page}, status=refusal.status)


def see_other(name, **params):
    """303 See Other: the browser fetches the next step with GET, so reloading it never sends the form again."""
    response = HttpResponseRedirect(f"{reverse(name)}?{urlencode(params)}")
    response.status_code = 303
    return response


def thanked(request, page):
    if is_inline(request):
        return respond(request, "thanks", {"page": page})
    return see_other("feedback:thanks", page=page)


def checked_form(request, form_class):
    """(bound form, refusal): the refusal when the submission is refused before its fields are looked at."""
    refusal = guards.refusal_before_reading(request)
    if refusal:
        return None, refusal
    form = form_class(request.POST)
    if form.is_scripted():
        return None, guards.SCRIPTED
    return form, None


@csrf_exempt
@never_cache
@require_POST
def answer(request):
    """ "Is this page useful?": a yes is thanked; a no asks what went wrong, tied to the answer by a signed ref."""
    form, refusal = checked_form(request, AnswerForm)
    if refusal:
        return refused(request, refusal)
    if not form.is_valid():
        return refused(request, guards.NOT_A_PAGE)
    page = form.cleaned_data["page"]
    feedback = feedback_answer(page=page, useful=form.cleaned_data["useful"] == "yes")
    if feedback.answer == "useful":
        return thanked(request, page)
    ref = details_ref(feedback)
    if is_inline(request):
        form = DetailsForm(initial={"page": page, "ref": ref})
        return respond(request, "details", {"form": form, "page": page, "after_no": True})
    return see_other("feedback:report", page=page, ref=ref)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    """What went wrong on a page: after a "No", or from "Report a problem with this page"."""
    if request.method != "POST":
        page = request.GET.get("page", "")
        if not is_feedback_page(page):
            return refused(request, guards.NOT_A_PAGE)
        form = DetailsForm(initial={"page": page, "ref": request.GET.get("ref", "")[:200]})
        return respond(request, "details", {"form": form, "page": page, "after_no": bool(request.GET.get("ref"))})
    form, refusal = checked_form(request, DetailsForm)
    if refusal:
        return refused(request, refusal)
    if not form.is_valid():
        if "page" in form.errors:
            return refused(request, guards.NOT_A_PAGE)
        page = form.cleaned_data["page"]
        return respond(request, "details", {"form": form, "page": page, "after_no": bool(form.data.get("ref"))}, 400)
    data = form.cleaned_data
    feedback_details(page=data["page"], doing=data["doing"], went_wrong=data["went_wrong"], ref=data["ref"])
    return thanked(request, data["page"])


@never_cache
@require_safe
def thanks(request):
    page = request.GET.get("page", "")
    return respond(request, "thanks", {"page": page if is_feedback_page(page) else ""})
