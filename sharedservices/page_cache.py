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
import os
import re
import threading
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date, parse_http_date_safe
from redis.exceptions import RedisError

from publishing.reader_pages import query_reading_of
from publishing.registry import cached_models, content_models
from sharedservices.replica import primary_position, reading_as_of

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
# stored with the generation's own token, so it is never taken for another generation's.
NEXT_DUE_KEY = f"{GENERATION_KEY}:next-due"


def content_changed_now():
    """Start a new generation: every cached page becomes unreachable.

    If the cache does not answer, the change is not lost: the first process to reach the
    cache again starts a new generation (CacheHealth.answered).
    """
    # The primary's WAL position at the change: no reader's page of this generation is built from a replica
    # that has not replayed this far (sharedservices.replica).
    state = {"token": uuid.uuid4().hex, "changed_at": time.time(), "lsn": primary_position()}
    try:
        generation_cache().set(GENERATION_KEY, state, None)
    except CACHE_ERRORS as error:
        cache_health.failed(error)
    return state


class NextDue:
    """The next go-live time of the generation this process last saw. It never changes for a given
    generation, so once known it is kept here and a request reads only the generation's token."""

    token = None
    timestamp = None


class FileGeneration:
    """The generation as this process last read it from the file cache, and the file it read it from.

    The file cache replaces the file on every write (a new file, renamed into place), so while
    the file's inode, modification time and size are unchanged the generation is too: a hit
    then costs one stat() instead of opening, decompressing and unpickling the file. A file
    written in the last STABLE_SECONDS is always read: within one tick of the file system's
    clock a burst of writes could reuse an inode with the same time and size.
    """

    STABLE_SECONDS = 0.05
    signature = None
    state = None

    @classmethod
    def read(cls, store):
        try:
            found = os.stat(store._key_to_file(GENERATION_KEY))
        except FileNotFoundError:
            return None
        signature = (found.st_ino, found.st_mtime_ns, found.st_size)
        if signature != cls.signature:
            state = store.get(GENERATION_KEY)
            stable = time.time() - found.st_mtime_ns / 1e9 >= cls.STABLE_SECONDS
            cls.state, cls.signature = state, signature if stable else None
            return state
        return cls.state


def read_generation(store):
    """The stored generation: one GET from Redis, or one stat() of the file cache's file."""
    if isinstance(store, FileBasedCache):
        return FileGeneration.read(store)
    return store.get(GENERATION_KEY)


def current_generation():
    """The generation pages are cached under: one read of the generation cache in the steady state."""
    store = generation_cache()
    state = read_generation(store) or content_changed_now()
    if NextDue.token != state["token"]:
        due_token, next_due = store.get(NEXT_DUE_KEY) or (None, None)
        if due_token != state["token"]:
            # Read where this generation's pages are read: the replica, once it has replayed the change.
            with reading_as_of(state.get("lsn")):
                next_due = next_scheduled_go_live()
            store.set(NEXT_DUE_KEY, (state["token"], next_due), 60 * 60 * 24)
        NextDue.token, NextDue.timestamp = state["token"], next_due
    if NextDue.timestamp is not None and time.time() >= NextDue.timestamp:
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


# The address each (URL configuration, path, query string) normalises to, worked out once per process:
# resolving a path and normalising its query cost more than the rest of a hit. Bounded: emptied when full.
_addresses = {}
ADDRESSES_KEPT = 10_000


def page_address(request):
    """The page's address as it is built: path and normalised query. None if the page must not be cached."""
    known = (settings.ROOT_URLCONF, request.path_info, request.META.get("QUERY_STRING", ""))
    try:
        return _addresses[known]
    except KeyError:
        pass
    address = address_of(request)
    if len(_addresses) >= ADDRESSES_KEPT:
        _addresses.clear()
    _addresses[known] = address
    return address


def address_of(request):
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
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def cache_key(address, request, generation):
    encoding = "gzip" if accepts_gzip(request) else "identity"
    # The scheme is part of what is stored: a page sent over HTTPS carries Strict-Transport-Security.
    scheme = "https" if request.is_secure() else "http"
    digest = hashlib.sha256(f"{scheme}:{address}".encode()).hexdigest()
    return f"page:{generation['token']}:{encoding}:{digest}"


# Headers that describe a body: a 304 has none, so it keeps every other header of the page.
BODY_HEADERS = frozenset(("content-length", "content-type", "content-encoding"))


CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


def conditional(request, response):
    """The page, or 304 Not Modified when the reader already has this version of it.

    Django's 304 keeps only the caching headers; this one keeps the security headers too,
    so a reader's answer carries the same policies whether it is a hit, a miss or a 304."""
    if request.method != "GET" or not any(name in request.META for name in CONDITIONAL_HEADERS):
        return response
    answer = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if answer is not response and answer.status_code == 304:
        for header, value in response.items():
            if header.lower() not in BODY_HEADERS and not answer.has_header(header):
                answer[header] = value
    return answer


def stored_form(address, response):
    """What is kept of a page: plain values, cheap to unpickle and to send (not a whole HttpResponse).

    The headers are kept as the response held them (lower-cased name: (name, value)), already
    checked and encoded when the page was built, so a hit does not check them again."""
    return (address, response.status_code, dict(response.headers._store), response.content)


def from_stored(entry):
    """(address, response) of a stored page."""
    address, status, headers, body = entry
    response = HttpResponse.__new__(HttpResponse)
    HttpResponseBase.__init__(response, status=status)
    response.headers._store = dict(headers)
    response._container = [body]
    return address, response


def must_redirect_to_https(request):
    # SecurityMiddleware (behind this one) redirects such a request: it must never be answered from the cache.
    return settings.SECURE_SSL_REDIRECT and not request.is_secure()


def has_body(request):
    return request.META.get("CONTENT_LENGTH", "") not in ("", "0")


def mark_private(request, response):
    """A page made for one person (signed in, or setting or varying on cookies) must not be kept by proxies."""
    cache_control = response.get("Cache-Control", "")
    personal = is_personal(request) or response.cookies or "Cookie" in response.get("Vary", "")
    if personal and "private" not in cache_control and "no-store" not in cache_control:
        patch_cache_control(response, private=True)
    return response


class ReaderPageCacheMiddleware:
    """Serve anonymous reader pages from the cache; mark them cacheable by proxies for a short time.

    It comes first, before every other middleware: a hit is answered without running any of
    them. What it stores is what the rest of the stack sent (security, permissions and
    content security policy headers included), already compressed and with its ETag, as
    plain values (status, headers, bytes), so a hit costs the same whatever the page's size
    and less than any view. Each entry keeps the address it was built for, so what is stored
    can be checked.
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
        if cache_health.is_down or must_redirect_to_https(request) or has_body(request):
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
            _, response = from_stored(cached)
            response["X-Page-Cache"] = "hit"
            return conditional(request, response)
        return self.miss(request, key, address, generation, pages)

    def miss(self, request, key, address, generation, pages):
        with reading_as_of(generation.get("lsn")):
            response = self.get_response(request)
        if not is_cacheable_response(response):
            return mark_private(request, response)
        response["Last-Modified"] = http_date(generation["changed_at"])
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS, must_revalidate=True
        )
        if request.method == "GET":
            try:
                pages.set(key, stored_form(address, response), settings.PAGE_CACHE_SECONDS)
            except CACHE_ERRORS as error:
                cache_health.failed(error)
        response["X-Page-Cache"] = "miss"
        return conditional(request, response)
