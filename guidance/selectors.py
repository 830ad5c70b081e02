from django.db.models import F, Value, prefetch_related_objects

from guidance.models import FOR_EVERYONE_LAST, Guide
from publishing.pagination import SHORTLIST_LENGTH, CompiledShortlists

# An audience page groups the most useful guides it reads, up to this many; beyond
# that it links to search, so the page stays small however many guides there are.
GUIDES_SCANNED = 100


def guides_by_topic(*, audience, scanned=GUIDES_SCANNED, per_group=SHORTLIST_LENGTH):
    """An audience page's guides, grouped under each guide's main topic, and whether any were left out.

    Each guide is listed once. Groups come in the order of their most useful
    guide, so the page opens with what the editors rank highest; guides with
    no topic come last. Each group shows its first `per_group` guides and is
    marked `more` when it had others (or when guides beyond the first
    `scanned` were not read, so it may have).
    """
    guides = list(Guide.objects.for_audience_page(audience)[: scanned + 1])
    cut = len(guides) > scanned
    # Only a guide with no main topic is listed under its first topic: prefetching every guide's topics
    # would cost a queryset per guide.
    prefetch_related_objects([guide for guide in guides[:scanned] if not guide.main_topic_id], "topics")
    groups = {}
    untopical = {"topic": None, "guides": []}
    for guide in guides[:scanned]:
        topic = guide.listing_topic()
        group = untopical if topic is None else groups.setdefault(topic.pk, {"topic": topic, "guides": []})
        group["guides"].append(guide)
    listed = [*groups.values(), *([untopical] if untopical["guides"] else [])]
    for group in listed:
        group["more"] = cut or len(group["guides"]) > per_group
        group["guides"] = group["guides"][:per_group]
    return listed, cut


# The first few related guides, answers and stages of a guide, in one query compiled once per process.
related_to_guide = CompiledShortlists(
    lambda guide, now: [
        guide.related.published(now),
        guide.related_questions.published(now),
        guide.related_stages.published(now),
    ],
    SHORTLIST_LENGTH,
    fields=("id", "title", "slug"),
    order=("title", "id"),
    ranks=[
        (F("position"), FOR_EVERYONE_LAST),
        (F("category__position"), F("position")),
        (F("position"), Value(0)),
    ],
)


def guide_page(guide):
    """A guide's reader page (and preview): the guide and the first few related guides, answers and stages,
    each list in its own order (guides most useful first, answers by category, stages along the path)."""
    related_guides, related_questions, related_stages = related_to_guide(guide)
    return {
        "item": guide,
        "guide": guide,
        "related_guides": related_guides,
        "related_questions": related_questions,
        "related_stages": related_stages,
        "show_review_dates": True,
    }
