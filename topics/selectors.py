from django.urls import reverse

from publishing.models import Topic
from publishing.pagination import SHORTLIST_LENGTH, page_of, page_url, shortlists
from publishing.registry import kinds, landing_page
from sharedservices.links import slug_url

# How many items a topic's full list of one kind shows on each page.
ITEMS_PER_PAGE = 50


def published_on(topic, kind):
    """Every published item of one kind on a topic, in title order."""
    return kind.model.objects.published().filter(topics=topic).only("title", "slug", "summary").order_by("title", "pk")


def topic_groups(topic):
    """What is published on a topic, kind by kind in the registry's order: the first few of each kind in
    title order (each kind's read from its title index, all in one query) and a link to all of them."""
    registered = kinds()
    firsts = shortlists(
        [published_on(topic, kind) for kind in registered],
        SHORTLIST_LENGTH,
        fields=("id", "title", "slug", "summary"),
        order=("title", "id"),
    )
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
