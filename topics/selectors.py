from django.urls import reverse

from publishing.models import Topic
from publishing.pagination import SHORTLIST_LENGTH, CompiledShortlists, page_of, page_url
from publishing.registry import kinds, landing_page
from sharedservices.links import slug_url

# How many items a topic's full list of one kind shows on each page.
ITEMS_PER_PAGE = 50


def published_on(topic, kind, now=None):
    """Every published item of one kind on a topic, in title order."""
    items = kind.model.objects.published(now).filter(topics=topic).only("title", "slug", "summary")
    return items.order_by("title", "pk")


# The first few of each kind on a topic, each kind's read from its title index, all in one query (compiled once).
first_on_topic = CompiledShortlists(
    lambda topic, now: [published_on(topic, kind, now) for kind in kinds()],
    SHORTLIST_LENGTH,
    fields=("id", "title", "slug", "summary"),
    order=("title", "id"),
    shape=lambda: tuple(kind.model for kind in kinds()),
)


def topic_groups(topic):
    """What is published on a topic, kind by kind in the registry's order: the first few of each kind in
    title order and a link to all of them."""
    registered = kinds()
    firsts = first_on_topic(topic)
    return [
        {
            "id": kind.model._meta.label_lower.replace(".", "-"),
            "label": kind.heading,
            "items": items,
            "all_url": slug_url("topics:kind", topic.slug, kind.slug),
        }
        for kind, items in zip(registered, firsts, strict=True)
        if items
    ]


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
