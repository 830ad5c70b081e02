"""What stands in for a CSRF token on the feedback forms, which are the same for every reader.

A cached page cannot carry a per-reader token, so the forms are CSRF-exempt and each
submission is checked instead: it must come from a page of this site (Origin, or Referer
when a browser sends no Origin), fit a small size, and not exceed a per-client rate kept
in the shared cache. The honeypot field is checked by the forms.
"""

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches

from sharedservices.client_address import client_ip
from sharedservices.page_cache import CACHE_ERRORS, cache_health
from sharedservices.request_limits import declared_length

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    status: int
    title: str
    message: str


TOO_LARGE = Refusal(413, "Your feedback is too long", "Keep each answer under 1,200 characters and send it again.")
OTHER_SITE = Refusal(
    403,
    "We could not accept this feedback",
    "Feedback can only be sent from the form on one of this website’s pages. Go back to the page and try again.",
)
TOO_MANY = Refusal(
    429,
    "You have sent a lot of feedback in a short time",
    "Wait a few minutes and try again.",
)
SCRIPTED = Refusal(
    400,
    "We could not accept this feedback",
    "It looked as if a program rather than a person filled in the form. If you are a person, go back to the "
    "page and send your feedback again, leaving any field you cannot see empty.",
)
NOT_A_PAGE = Refusal(
    400,
    "We could not tell which page this feedback is about",
    "Go back to the page and use the feedback form at the bottom of it.",
)


def own_origins(request):
    return {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def from_this_site(request):
    """The browser says the form was on one of this site's pages."""
    origin = request.headers.get("Origin")
    if origin is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        origin = f"{referer.scheme}://{referer.netloc}" if referer.scheme and referer.netloc else ""
    return origin in own_origins(request)


def over_rate(request):
    """Count this submission against its client; True once the client has sent too many in the window.
    When the shared cache does not answer, submissions are let through (and the outage logged once)."""
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"feedback-rate:{digest}"
    store = caches["default"]
    try:
        store.add(key, 0, settings.FEEDBACK_RATE_WINDOW_SECONDS)
        count = store.incr(key)
    except ValueError:
        # The count expired between add and incr: this is the first of a new window.
        count = 1
    except CACHE_ERRORS as error:
        cache_health.failed(error)
        return False
    return count > settings.FEEDBACK_RATE_LIMIT


def refusal_before_reading(request):
    """A reason to refuse the submission without reading its body, or None."""
    length = declared_length(request)
    if length is None or length > settings.FEEDBACK_MAX_BODY_BYTES:
        return TOO_LARGE
    if not from_this_site(request):
        return OTHER_SITE
    if over_rate(request):
        return TOO_MANY
    return None
