import logging
import sys

from axes.conf import settings as axes_settings
from axes.helpers import get_cool_off
from django.contrib import admin
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from faq.models import Question
from publishing.models import Topic
from publishing.reader_pages import reader_page
from sharedservices import page_cache
from sharedservices.audit import log_permission_refused
from sharedservices.selectors import latest_updates

logger = logging.getLogger(__name__)


@reader_page()
def home(request):
    context = {
        "most_asked": Question.objects.featured().only("title", "slug")[:6],
        "topics": Topic.objects.all(),
        "latest_updates": latest_updates(limit=5),
    }
    return render(request, "pages/home.html", context)


@reader_page()
def about(request):
    return render(request, "pages/about.html", {})


@reader_page()
def accessibility(request):
    return render(request, "pages/accessibility.html", {})


@reader_page()
def privacy(request):
    return render(request, "pages/privacy.html", {})


@require_safe
def favicon(request):
    # Resolved per request: the hashed file name exists only after collectstatic.
    return redirect(static("build/assets/images/favicon.ico"))


@require_safe
@never_cache
def healthz(request):
    """Liveness: the process answers. It deliberately does not touch the database."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@never_cache
def readyz(request):
    """Readiness: the process can serve readers, so the database must answer.

    The page cache is an optimisation: without it pages are served uncached, so the
    process stays ready and says it is degraded.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Readiness check failed: database did not answer: %s", error)
        return JsonResponse({"status": "unavailable", "database": "not answering"}, status=503)
    cache = page_cache.cache_status()
    return JsonResponse({"status": "ok" if cache == "ok" else "degraded", "database": "ok", "cache": cache})


def _render_error_page(template_name, status):
    # Rendered without context processors: an error page must not depend on
    # the session, the user or the database, which may be what failed.
    html = loader.render_to_string(template_name, {"service_name": "Shared Services Guidance"})
    return HttpResponse(html, status=status)


def page_not_found(request, exception):
    return _render_error_page("errors/404.html", 404)


def bad_request(request, exception):
    return _render_error_page("errors/400.html", 400)


def _in_admin(request):
    return request.path.startswith(reverse("admin:index"))


def _render_admin_page(request, template_name, title, status, context=None):
    # Inside the admin an editor keeps its header, their own links and the way back.
    context = {**admin.site.each_context(request), "title": title, **(context or {})}
    return render(request, template_name, context, status=status)


def permission_denied(request, exception):
    log_permission_refused(request)
    if _in_admin(request):
        return _render_admin_page(request, "admin/403.html", "You do not have permission to do that", 403)
    return _render_error_page("errors/403.html", 403)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lock-out page: how long the lock lasts and whom to ask, in the layout the person was using."""
    context = {"lock_length": _length_in_words(get_cool_off(request))}
    status = axes_settings.AXES_HTTP_RESPONSE_CODE
    if _in_admin(request):
        return _render_admin_page(request, "admin/locked_out.html", "Too many sign-in attempts", status, context)
    return render(request, "errors/locked_out.html", context, status=status)


def _length_in_words(length):
    if length is None:
        return None  # locked until someone unlocks it
    minutes = round(length.total_seconds() / 60)
    if minutes % 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    return f"{hours} hour{'s' if hours != 1 else ''}"


def server_error(request):
    # Django calls this while handling the exception, so it is still available here.
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        response = _render_error_page("errors/503.html", 503)
        response["Retry-After"] = "30"
        return response
    return _render_error_page("errors/500.html", 500)
