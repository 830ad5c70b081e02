"""What the API returns: published items of every registered kind, read only through publishing's QuerySet.

Nothing here shows what reader pages do not: no drafts, items in review, scheduled or withdrawn
items, and no editor's name (only the owning team, which every page shows).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import Resolver404, get_script_prefix, resolve, reverse
from django.utils import timezone

from publishing.models import Audience, Topic
from publishing.registry import kind_for, kinds
from search.selectors import SearchParams, search_run

PER_PAGE = 20
LIST_DEFERRED = ("body", "body_html", "headings", "sources", "withdrawal_reason")


@dataclass
class ListFilters:
    kinds: list
    topic: Topic | None = None
    audience: str = ""
    updated_since: object = None


def readable(model, filters, now):
    """A kind's items readers can see now, narrowed by the list's filters."""
    items = model.objects.published(now)
    if filters.topic is not None:
        items = items.filter(topics=filters.topic)
    if filters.audience == Audience.EVERYONE:
        items = items.filter(audience=Audience.EVERYONE)
    elif filters.audience:
        items = items.for_audience(filters.audience)
    if filters.updated_since is not None:
        since = filters.updated_since
        items = items.filter(
            Q(last_major_change_at__gte=since) | Q(last_major_change_at__isnull=True, first_published_at__gte=since)
        )
    return items


def items_page(filters, page, *, per_page=PER_PAGE, now=None):
    """(count, items) for one page of the list: kinds in the registry's order, each in the order of its ids.
    One count per kind, then one query (and one for topics) per kind the page reaches: the same number of
    queries however many items there are."""
    now = now or timezone.now()
    querysets = [readable(kind.model, filters, now) for kind in filters.kinds]
    counts = [items.count() for items in querysets]
    skip, rows = (page - 1) * per_page, []
    for items, count in zip(querysets, counts, strict=True):
        if skip >= count:
            skip -= count
            continue
        wanted = per_page - len(rows)
        rows += items.defer(*LIST_DEFERRED).prefetch_related("topics").order_by("pk")[skip : skip + wanted]
        skip = 0
        if len(rows) == per_page:
            break
    return sum(counts), rows


def published_item(kind, slug):
    """The item readers can see at kind/slug, with its topics; None if there is none."""
    return kind.model.objects.published().prefetch_related("topics").filter(slug=slug).first()


def item_values(item, request):
    kind = kind_for(type(item))
    return {
        "kind": kind.slug,
        "kind_label": kind.label,
        "slug": item.slug,
        "title": item.title,
        "summary": item.summary,
        "audience": item.audience,
        "topics": [{"slug": topic.slug, "title": topic.title} for topic in item.topics.all()],
        "owner": item.owner,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:item", args=[kind.slug, item.slug])),
        "first_published": item.first_published_at,
        "last_updated": item.last_updated,
        "is_history": item.is_history,
        "history_period": item.history_period,
    }


def item_detail_values(item, request):
    return {
        **item_values(item, request),
        "body_markdown": item.body,
        "body_html": item.body_html,
        "sources": [vars(source) for source in item.source_list],
        "change_history": [{"date": note.changed_at, "note": note.note} for note in item.public_change_history()],
    }


def search_page(query, request):
    """(count, page number, pages, words understood, result dicts) for a search through the site's index."""
    params = SearchParams(
        q=query["q"],
        kinds=[query["kind"]] if query.get("kind") else [],
        audiences=[query["audience"]] if query.get("audience") else [],
        topics=[query["topic"]] if query.get("topic") else [],
        page=query["page"],
    )
    outcome = search_run(params=params)
    results = [
        {
            "kind": result.entry.kind,
            "kind_label": result.entry.kind_label,
            "title": result.entry.title,
            "summary": result.entry.summary,
            "snippet_html": str(result.snippet),
            "url": request.build_absolute_uri(result.entry.url),
            "api_url": api_url_of(result.entry.kind, result.entry.url, request),
            "last_updated": result.entry.last_updated,
        }
        for result in outcome.results
    ]
    return outcome.total if outcome.searched else 0, outcome.page, outcome.pages, outcome.query, results


def api_url_of(kind_slug, page_url, request):
    """The API address of the item whose page is at page_url, from the slug in that address."""
    try:
        slug = resolve("/" + page_url.removeprefix(get_script_prefix())).kwargs.get("slug")
    except Resolver404:
        return None
    return request.build_absolute_uri(reverse("api:item", args=[kind_slug, slug])) if slug else None


def kind_values(request):
    return [
        {
            "slug": kind.slug,
            "label": kind.label,
            "heading": kind.heading,
            "feed_url": request.build_absolute_uri(reverse("feeds:kind", args=[kind.slug])),
        }
        for kind in kinds()
    ]


def topic_values(request):
    return [
        {
            "slug": topic.slug,
            "title": topic.title,
            "summary": topic.summary,
            "url": request.build_absolute_uri(topic.get_absolute_url()),
            "feed_url": request.build_absolute_uri(reverse("feeds:topic", args=[topic.slug])),
        }
        for topic in Topic.objects.all()
    ]
