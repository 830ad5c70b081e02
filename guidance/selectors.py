from guidance.models import Guide
from publishing.pagination import SHORTLIST_LENGTH

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
