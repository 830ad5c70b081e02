"""A shared cache of anonymous reader pages, invalidated exactly and at once.

Every cached page is keyed by a *content generation*: a token that changes
whenever anything readers can see may have changed (a save, delete or
relation change on any content model, after the transaction commits) and when
the next scheduled item comes due. Changing the token makes every cached page
unreachable at once, so a reader never sees a page older than the last change.

The token lives in the "generation" cache, shared by every server process
(Redis when REDIS_URL is set, otherwise a file cache on this machine); the
pages themselves live in the default cache.

A page is keyed only on what it is built from: its path, the query parameters its
view declares it reads (publishing.reader_pages), normalised as the view reads
them, and whether the reader takes gzip. Anything else a request carries (a header,
an unknown parameter) either cannot change the page or stops it being cached.

The cache is an optimisation: when it does not answer, pages are served uncached
(logged once per outage by each process) and it is used again as soon as it answers.
"""

import hashlib
import logging
import re
import threading
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date, parse_http_date_safe
from redis.exceptions import RedisError

from publishing.reader_pages import query_reading_of
from publishing.registry import cached_models, content_models

logger = logging.getLogger(__name__)


GENERATION_KEY = "content-generation"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
NEVER_CACHED_PREFIXES = ("/admin/", "/preview/", "/healthz", "/readyz", "/static/", "/media/", "/__bench__/")
# What a cache that does not answer raises: Redis's errors (refused, timed out, out of memory)
# and the file cache's.
CACHE_ERRORS = (RedisError, OSError)
# While the cache is away, each process asks it again at most this often.
RETRY_SECONDS = 5


class CacheHealth:
    """Whether the shared cache answers, as this process last found it.

    The first failure of an outage is logged, later ones are not; requests are served
    uncached meanwhile, and the cache is tried again every RETRY_SECONDS. A change made
    while it was away could not start a new generation, so the first process to reach it
    again starts one: no page stored before the outage can be served after it.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None
        self.retry_at = 0.0

    @property
    def is_down(self):
        return self.down_since is not None

    def failed(self, error):
        with self.lock:
            first = self.down_since is None
            if first:
                self.down_since = time.monotonic()
            self.retry_at = time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning("Page cache not answering (%s): serving pages uncached until it answers again", error)

    def answered(self):
        with self.lock:
            if self.down_since is None:
                return
            outage_seconds = time.monotonic() - self.down_since
            self.down_since = None
        logger.warning("Page cache answering again after %.0f s: starting a new content generation", outage_seconds)
        content_changed_now()

    def usable(self):
        """True when the cache is believed up; while it is down, True once per retry interval."""
        if self.down_since is None:
            return True
        with self.lock:
            if time.monotonic() < self.retry_at:
                return False
            self.retry_at = time.monotonic() + RETRY_SECONDS
        return True


cache_health = CacheHealth()


def cache_status():
    """ "ok" or "not answering", asked afresh (for /readyz)."""
    try:
        generation_cache().get(GENERATION_KEY)
    except CACHE_ERRORS as error:
        cache_health.failed(error)
        return "not answering"
    return "ok"


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
    """Start a new generation: every cached page becomes unreachable.

    If the cache does not answer, the change is not lost: the first process to reach the
    cache again starts a new generation (CacheHealth.answered).
    """
    state = {"token": uuid.uuid4().hex, "changed_at": time.time()}
    try:
        generation_cache().set(GENERATION_KEY, state, None)
    except CACHE_ERRORS as error:
        cache_health.failed(error)
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
        and not request.path_info.startswith(NEVER_CACHED_PREFIXES)
        and not is_personal(request)
    )


def is_personal(request):
    """A request from someone with a session, or mid-form (CSRF) or with messages waiting: never shared."""
    return any(
        name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")
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


def page_address(request):
    """The page's address as it is built: path and normalised query. None if the page must not be cached."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    reading = query_reading_of(match.func)
    if reading is None:
        return None
    pairs = reading.cache_query(request.GET)
    if pairs is None:
        return None
    path = escape_uri_path(request.path_info)
    return f"{path}?{urlencode(pairs)}" if pairs else path


def accepts_gzip(request):
    # The same test GZipMiddleware makes, so each cached copy matches what it would have sent.
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def cache_key(address, request, generation):
    encoding = "gzip" if accepts_gzip(request) else "identity"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{generation['token']}:{encoding}:{digest}"


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


def mark_private(request, response):
    """A page made for one person (signed in, or setting or varying on cookies) must not be kept by proxies."""
    cache_control = response.get("Cache-Control", "")
    personal = is_personal(request) or response.cookies or "Cookie" in response.get("Vary", "")
    if personal and "private" not in cache_control and "no-store" not in cache_control:
        patch_cache_control(response, private=True)
    return response


class ReaderPageCacheMiddleware:
    """Serve anonymous reader pages from the cache; mark them cacheable by proxies for a short time.

    It sits outside GZipMiddleware and ConditionalGetMiddleware, so it stores the page
    already compressed and with its ETag: a hit costs the same whatever the page's size.
    Each entry keeps the address it was built for, so what is stored can be checked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # While the cache is away, any request may be the one that finds it back.
        if cache_health.is_down and cache_health.usable() and cache_status() == "ok":
            cache_health.answered()
        address = page_address(request) if is_cacheable_request(request) else None
        if address is None:
            return mark_private(request, self.get_response(request))
        # ALLOWED_HOSTS is checked here too: a cached page must not answer for any host name.
        request.get_host()
        if cache_health.is_down:
            return self.get_response(request)
        pages = caches["default"]
        try:
            generation = current_generation()
            key = cache_key(address, request, generation)
            cached = pages.get(key)
        except CACHE_ERRORS as error:
            cache_health.failed(error)
            return self.get_response(request)
        if cached is not None:
            _, response = cached
            response["X-Page-Cache"] = "hit"
            return conditional(request, response)
        response = self.get_response(request)
        if is_cacheable_response(response):
            response["Last-Modified"] = http_date(generation["changed_at"])
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS, must_revalidate=True
            )
            if request.method == "GET":
                try:
                    pages.set(key, (address, response), settings.PAGE_CACHE_SECONDS)
                except CACHE_ERRORS as error:
                    cache_health.failed(error)
            response["X-Page-Cache"] = "miss"
            return conditional(request, response)
        return mark_private(request, response)
