"""What a reader page takes from a request: GET or HEAD, and the query parameters it reads.

Every reader view says so with `@reader_page(...)`. Other methods get 405, and the page
cache (sharedservices.page_cache) keys a page on the parameters it reads, normalised
the way the view reads them, and never caches a request carrying any other parameter.
"""

from dataclasses import dataclass

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
