"""Keeping the search index in step with the content.

Every kind registered as searchable in publishing.registry is indexed with no
configuration here: title, summary and body, plus the kind's own free-text
fields (e.g. a toolkit stage's purpose and activities) and whatever the kind's
registered ``search_text`` returns (e.g. the words inside a template's
downloadable file).

Index writes happen in the same database transaction as the content change, so a
rolled-back publication never reaches the index and a committed one always does.
"""

import datetime
import html
import logging
import re

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import NoReverseMatch
from django.utils.text import slugify

from publishing.models import PublishedContent
from publishing.registry import kind_for, landing_pages, searchable_models
from search.backends import get_backend
from search.backends.base import MARK_END, MARK_START
from search.models import SearchEntry
from search.query import STOP_WORDS, words_of

logger = logging.getLogger(__name__)
TAG = re.compile(r"<[^>]+>")
BASE_FIELD_NAMES = {f.name for f in PublishedContent._meta.get_fields()}
# Free-text fields at least this long are words readers may search for; shorter ones are codes (a version, "1.0").
MIN_TEXT_FIELD_LENGTH = 100


def kind_of(model):
    """The kind filter's value for a model: its registered label as a slug ("faq", "toolkit-stage")."""
    return slugify(kind_for(model).label) or model._meta.model_name


def indexed_models():
    return searchable_models()


def is_indexed_kind(model):
    kind = kind_for(model)
    return kind is not None and kind.searchable


def kinds():
    """(value, label) for every kind of content, for the kind filter."""
    seen = {}
    for model in indexed_models():
        seen.setdefault(kind_of(model), kind_for(model).label)
    return sorted(seen.items(), key=lambda pair: pair[1])


def _text(value):
    # The backends mark highlights with MARK_START/MARK_END, so indexed text must never contain them.
    return " ".join(str(value or "").replace(MARK_START, " ").replace(MARK_END, " ").split())


def html_to_text(rendered):
    return _text(html.unescape(TAG.sub(" ", rendered or "")))


def extra_text_fields(model):
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in BASE_FIELD_NAMES
        and isinstance(f, models.TextField | models.CharField)
        and not isinstance(f, models.SlugField | models.URLField)
        and not f.choices
        and f.editable
        and (isinstance(f, models.TextField) or (f.max_length or 0) >= MIN_TEXT_FIELD_LENGTH)
    ]


def title_key(title):
    return " ".join(w for w in words_of(title) if w not in STOP_WORDS)[:200]


def name_keys(title, phrases):
    """The page's other names as |key|key|: each phrase readers search with for it, and each part of a title
    with a colon ("What stays in your department: retained functions" is also "retained functions"), keyed like
    the title. A name is two words or more as written ("about this website" is the about page's, though its key
    is "website"): one word names a subject, not a page ("Unity: a red rating …" is not the page for "unity",
    and a page given the search word "pension" does not go above one titled "Pension rules")."""
    parts = title.split(":") if ":" in title else []
    names = [text for text in [*parts, *phrases] if len(words_of(text)) >= 2]
    own_key = title_key(title)
    keys = dict.fromkeys(key for key in map(title_key, names) if key and key != own_key)
    return f"|{'|'.join(keys)}|" if keys else ""


def extra_text(item):
    kind = kind_for(type(item))
    parts = [getattr(item, name) for name in extra_text_fields(type(item))]
    if kind.search_text:
        parts.append(kind.search_text(item))
    # The kind's name ("Toolkit stage", "Template") is a word readers search with too, and so are the
    # names of the sources a page cites ("National Audit Office").
    parts.append(kind.label)
    parts += [f"{source['publisher']} {source['title']}" for source in item.sources or []]
    return _text(" ".join(str(p) for p in parts if p))


def entry_values(item, topic_slugs=None):
    if topic_slugs is None:
        topic_slugs = list(item.topics.values_list("slug", flat=True))
    model = type(item)
    # body_html is the body already rendered and sanitised on save: the same text plain_text() gives.
    body_text = html_to_text(item.body_html)
    return {
        "kind": kind_of(model),
        "kind_label": kind_for(model).label,
        "url": item.get_absolute_url(),
        "title": _text(item.title),
        "title_key": title_key(item.title),
        "name_keys": name_keys(item.title, item.search_keywords.splitlines()),
        "summary": _text(item.summary),
        "keywords": _text(item.search_keywords.replace("\n", ", ")),
        "body_text": body_text,
        "extra_text": extra_text(item),
        "audience": item.audience,
        "history_period": item.history_period,
        "topics": sorted(topic_slugs),
        "visible_from": item.publish_at,
        # Never empty, so that "most recent first" can come straight from the index on it.
        "last_updated": item.last_updated or item.publish_at or item.created_at,
    }


LANDING_KIND = "page"
# Landing pages have no date of their own: an old one, so "most recent first" lists them after the content.
LANDING_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def landing_values(page):
    """A registered landing page's row: its title, summary, purpose phrases (the words readers search with for
    it) and own words."""
    own_words = page.search_text() if page.search_text else ""
    return {
        "kind": LANDING_KIND,
        "kind_label": page.label or "Page",
        "url": page.get_absolute_url(),
        "title": _text(page.title),
        "title_key": title_key(page.title),
        "name_keys": name_keys(page.title, page.phrases),
        "summary": _text(page.summary),
        "keywords": _text(", ".join(page.phrases)),
        "body_text": _text(own_words),
        "extra_text": "",
        "audience": page.audience,
        "history_period": "",
        "topics": [],
        "visible_from": LANDING_DATE,
        "last_updated": LANDING_DATE,
    }


def landing_pages_index(*, pages=None):
    """Add or refresh the rows of these landing pages (every registered one by default, removing the
    rows of pages no longer registered). Returns the number of rows written."""
    chosen = landing_pages() if pages is None else pages
    if pages is None:
        SearchEntry.objects.exclude(page_name="").exclude(page_name__in=[page.key for page in chosen]).delete()
    entries = []
    with transaction.atomic():
        for page in chosen:
            try:
                values = landing_values(page)
            except NoReverseMatch:
                logger.warning("search: landing page %s has no address, so it is not indexed", page.key)
                continue
            entry, _ = SearchEntry.objects.update_or_create(page_name=page.key, defaults=values)
            entries.append(entry)
        get_backend().entries_indexed(entries)
    return len(entries)


def landing_family_index(family):
    """Bring a family of landing pages (one per topic, say) up to date: add, refresh, and remove the
    rows of pages it no longer has."""
    pages = family.pages()
    SearchEntry.objects.filter(page_name__startswith=f"{family.url_name}:").exclude(
        page_name__in=[page.key for page in pages]
    ).delete()
    return landing_pages_index(pages=pages)


def landing_pages_depending_on(model):
    return [page for page in landing_pages() if model in page.depends_on]


def item_index(*, item):
    """Add or refresh the item's row if readers may see it (now or when scheduled), else remove it."""
    content_type = ContentType.objects.get_for_model(type(item))
    if not item.is_indexable:
        item_unindex(model=type(item), pk=item.pk)
        return None
    try:
        values = entry_values(item)
    except NoReverseMatch:
        # The kind's pages are not wired up (yet): a result readers could not open is no result.
        logger.warning("search: %s %s has no address, so it is not indexed", item._meta.label, item.pk)
        item_unindex(model=type(item), pk=item.pk)
        return None
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(content_type=content_type, object_id=item.pk, defaults=values)
        get_backend().entries_indexed([entry])
    refresh_landing_pages(type(item))
    return entry


def refresh_landing_pages(model):
    """Landing pages whose words come from this kind's items are refreshed with them."""
    dependent = landing_pages_depending_on(model)
    if dependent:
        landing_pages_index(pages=dependent)


def item_unindex(*, model, pk):
    SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk).delete()
    refresh_landing_pages(model)


def item_reindex_by_pk(*, model, pk):
    item = model._base_manager.filter(pk=pk).first()
    if item is None:
        item_unindex(model=model, pk=pk)
    else:
        item_index(item=item)


def index_rebuild(*, batch_size=500):
    """Throw the index away and build it again from the content and the registered landing pages.
    Returns the number of items indexed (landing pages not counted)."""
    backend = get_backend()
    count = 0
    with transaction.atomic():
        # One statement, no per-row delete signals: nothing else hangs off index rows.
        SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
        backend.before_rebuild()
        for model in indexed_models():
            content_type = ContentType.objects.get_for_model(model)
            items = model.objects.indexable().prefetch_related("topics").order_by("pk")
            batch = []
            for item in items.iterator(chunk_size=batch_size):
                try:
                    values = entry_values(item, topic_slugs=[t.slug for t in item.topics.all()])
                except NoReverseMatch:
                    logger.warning("search: %s %s has no address, so it is not indexed", model._meta.label, item.pk)
                    continue
                batch.append(SearchEntry(content_type=content_type, object_id=item.pk, **values))
                if len(batch) >= batch_size:
                    backend.entries_indexed(SearchEntry.objects.bulk_create(batch))
                    count += len(batch)
                    batch = []
            if batch:
                backend.entries_indexed(SearchEntry.objects.bulk_create(batch))
                count += len(batch)
        landing_pages_index()
        backend.after_rebuild()
    return count
