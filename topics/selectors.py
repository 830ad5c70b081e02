from django.db.models import IntegerField, Value
from django.urls import reverse

from publishing.models import Topic
from publishing.pagination import SHORTLIST_LENGTH, Shortlist, page_of, page_url
from publishing.registry import kinds, landing_page
from sharedservices.links import slug_url

# How many items a topic's full list of one kind shows on each page.
ITEMS_PER_PAGE = 50


def published_on(topic, kind):
    """Every published item of one kind on a topic, in title order."""
    return kind.model.objects.published().filter(topics=topic).only("title", "slug", "summary").order_by("title", "pk")


LISTED = ("id", "title", "slug", "summary")


def topic_groups(topic):
    """What is published on a topic, kind by kind in the registry's order: the first few of each kind in
    title order (each kind's read from its title index) and a link to all of them, in one query."""
    registered = kinds()
    if not registered:
        return []
    # One query, not one per kind: each kind's first few, one row more than shown to know whether there are more.
    firsts = [
        published_on(topic, kind)
        .annotate(kind_index=Value(index, output_field=IntegerField()))
        .values_list("kind_index", *LISTED)[: SHORTLIST_LENGTH + 1]
        for index, kind in enumerate(registered)
    ]
    rows = (
        firsts[0].union(*firsts[1:], all=True).order_by("kind_index", "title", "id") if len(firsts) > 1 else firsts[0]
    )
    by_kind = {}
    for kind_index, *values in rows:
        by_kind.setdefault(kind_index, []).append(values)
    groups = []
    for index, kind in enumerate(registered):
        fetched = [kind.model.from_db(rows.db, LISTED, values) for values in by_kind.get(index, [])]
        items = Shortlist(fetched[:SHORTLIST_LENGTH], len(fetched) > SHORTLIST_LENGTH)
        if items:
            groups.append(
                {
                    "id": kind.model._meta.label_lower.replace(".", "-"),
                    "label": kind.heading,
                    "items": items,
                    "all_url": slug_url("topics:kind", topic.slug, kind.slug),
                }
            )
    return groups


def topic_kind_page(topic, kind, page_number):
    """One page of a topic's full list of one kind, paged to its end (not through search's result cap)."""
    url = reverse("topics:kind", args=[topic.slug, kind.slug])
    page = page_of(published_on(topic, kind), page_number, ITEMS_PER_PAGE, lambda number: page_url(url, [], number))
    return {"topic": topic, "kind": kind, "page": page}


def topic_landing_pages():
    """Each topic's page, for search: found by the topic's name and what readers ask for with it."""
    return [
        landing_page(
            "topics:detail",
            title=topic.title,
            summary=topic.summary or f"Everything published about {topic.title}.",
            phrases=(f"everything on {topic.title}", f"all about {topic.title}", f"{topic.title} topic"),
            label="Topic",
            kwargs={"slug": topic.slug},
        )
        for topic in Topic.objects.order_by("title")
    ]
