from publishing.pagination import SHORTLIST_LENGTH, shortlist
from publishing.registry import kinds
from search.selectors import browse_url


def topic_groups(topic):
    """What is published on a topic, kind by kind in the registry's order: the first few of each kind in
    title order (one query per kind, read from its title index) and a link to all of them."""
    groups = []
    for kind in kinds():
        published = kind.model.objects.published().filter(topics=topic)
        items = shortlist(published.only("title", "slug", "summary").order_by("title", "pk"), SHORTLIST_LENGTH)
        if items:
            groups.append(
                {
                    "id": kind.model._meta.label_lower.replace(".", "-"),
                    "label": kind.heading,
                    "items": items,
                    "all_url": browse_url(kind.model, topics=[topic.slug]),
                }
            )
    return groups
