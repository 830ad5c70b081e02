"""What a reader page takes from a request: GET or HEAD, and the query parameters it reads.

Every reader view says so with `@reader_page(...)`. Other methods get 405, and the page
cache (sharedservices.page_cache) keys a page on the parameters it reads, normalised
the way the view reads them, and never caches a request carrying any other parameter.
A step of a reader's form (the tools' questions) takes POST instead: `@reader_form_step(...)`.
"""

from dataclasses import dataclass
from functools import wraps

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from publishing.pagination import requested_page_number


@dataclass(frozen=True)
class QueryReading:
    names: frozenset
    normalise: object  # QueryDict -> list of (name, value) strings, or None: "do not cache this request"

    def cache_query(self, query_dict):
        """The (name, value) pairs the page is built from, in a fixed order; None if it must not be cached."""
        if not set(query_dict).issubset(self.names):
            return None
        return self.normalise(query_dict)


def raw_values(names):
    """The default normaliser: every value of each name, as sent and in the order sent, names sorted."""
    ordered = sorted(names)

    def normalise(query_dict):
        return [(name, value) for name in ordered for value in query_dict.getlist(name)]

    return normalise


def page_query(query_dict):
    """The page number a paged list shows (publishing.pagination reads it the same way)."""
    return [("page", str(requested_page_number(query_dict.get("page"))))]


def reader_page(*names, normalise=None):
    """Mark a view as a reader page that reads these query parameters (none if not given)."""
    reading = QueryReading(frozenset(names), normalise or raw_values(names))

    def decorate(view):
        safe_view = require_safe(view)
        safe_view.query_reading = reading
        return safe_view

    return decorate


def query_reading_of(view):
    """The QueryReading a view declared, or None for a view that is not a reader page."""
    return getattr(view, "query_reading", None)


def reader_form_step(start_url_name):
    """Mark a view as a step of a reader's form that stores nothing: it takes the form by POST.

    What the reader entered travels in the form, so the step is never cached (the page cache
    keeps only GET), never indexed, and kept by no shared cache. It changes nothing on the
    server, so there is nothing for a forged request to abuse: it needs no CSRF token, and
    readers get no cookie. A GET or HEAD (a reopened tab) goes to the form's first page.
    """

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def step(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return redirect(start_url_name)
            if request.method != "POST":
                return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
            return response

        step.form_step = True
        return step

    return decorate


def is_form_step(view):
    return getattr(view, "form_step", False)
