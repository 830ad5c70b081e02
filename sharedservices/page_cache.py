"""A shared cache of anonymous reader pages, invalidated exactly and at once.

Every cached page is keyed by a *content generation*: a token that changes
whenever anything readers can see may have changed (a save, delete or
relation change on any content model, after the transaction commits) and when
the next scheduled item comes due. Changing the token makes every cached page
unreachable at once, so a reader never sees a page older than the last change.

The token lives in the "generation" cache, shared by every server process
(Redis when REDIS_URL is set, otherwise a file cache on this machine); the
pages themselves live in the default cache.
"""

import re
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from publishing.registry import cached_models, content_models

GENERATION_KEY = "content-generation"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
NEVER_CACHED_PREFIXES = ("/admin/", "/preview/", "/healthz", "/readyz", "/static/", "/media/", "/__bench__/")


def generation_cache():
    return caches["generation"]


def next_scheduled_go_live():
    """The earliest future publish time of any scheduled item, as a timestamp, or None."""
    now = timezone.now()
    times = [model.objects.next_go_live(now) for model in content_models()]
    times = [t for t in times if t is not None]
    return min(times).timestamp() if times else None


# The next go-live time is worked out by the first request of each generation, not by
# the change itself, so that a transaction saving thousands of rows stays cheap. It is
# stored under the generation's own token, so it can never bring back an old token.
NOT_YET_KNOWN = "not yet known"


def content_changed_now():
    """Start a new generation: every cached page becomes unreachable."""
    state = {"token": uuid.uuid4().hex, "changed_at": time.time()}
    generation_cache().set(GENERATION_KEY, state, None)
    return state


def current_generation():
    store = generation_cache()
    state = store.get(GENERATION_KEY) or content_changed_now()
    due_key = f"{GENERATION_KEY}:next-due:{state['token']}"
    next_due = store.get(due_key, NOT_YET_KNOWN)
    if next_due == NOT_YET_KNOWN:
        next_due = next_scheduled_go_live()
        store.set(due_key, next_due, 60 * 60 * 24)
    if next_due is not None and time.time() >= next_due:
        # A scheduled item has just come due: its pages must appear now.
        state = content_changed_now()
    return state


def _model_changed(sender, **kwargs):
    if sender in cached_models():
        transaction.on_commit(content_changed_now)


def _relation_changed(sender, instance, action, model, **kwargs):
    if action.startswith("post_") and (type(instance) in cached_models() or model in cached_models()):
        transaction.on_commit(content_changed_now)


def connect_invalidation():
    """Invalidate on any change to a model readers' pages are built from. The content-kind registry says
    which; the receivers ask it on each change, so a kind registered later is covered too."""
    post_save.connect(_model_changed, dispatch_uid="page-cache:save")
    post_delete.connect(_model_changed, dispatch_uid="page-cache:delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="page-cache:relations")


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.CSRF_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cookie" not in response.get("Vary", "")
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


def accepts_gzip(request):
    # The same test GZipMiddleware makes, so each cached copy matches what it would have sent.
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def cache_key(request, generation):
    encoding = "gzip" if accepts_gzip(request) else "identity"
    return f"page:{generation['token']}:{encoding}:{request.get_full_path()}"


def conditional(request, response):
    """The page, or 304 Not Modified when the reader already has this version of it."""
    if request.method != "GET":
        return response
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class ReaderPageCacheMiddleware:
    """Serve anonymous reader pages from the cache; mark them cacheable by proxies for a short time.

    It sits outside GZipMiddleware and ConditionalGetMiddleware, so it stores the page
    already compressed and with its ETag: a hit costs the same whatever the page's size.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        generation = current_generation()
        key = cache_key(request, generation)
        pages = caches["default"]
        cached = pages.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return conditional(request, cached)
        response = self.get_response(request)
        if is_cacheable_response(response):
            response["Last-Modified"] = http_date(generation["changed_at"])
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS, must_revalidate=True
            )
            if request.method == "GET":
                pages.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
            return conditional(request, response)
        return response
