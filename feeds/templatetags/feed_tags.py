"""Links to the Atom feeds that match the page being shown: <link rel="alternate"> in the head, and
"Get updates" links on the page. Worked out from the context and the content-kind registry:

- every page offers the whole site's feed;
- a topic page offers its topic's feed;
- an item's page, and the pages of an app whose kinds they are (/faq/, /toolkit/templates/), offer those kinds' feeds.
"""

from django import template
from django.urls import reverse

from publishing.models import Topic
from publishing.registry import kind_for, kinds

register = template.Library()


def matching_feeds(context):
    """[(link text, address)] of the feeds for this page, most specific first."""
    request = context.get("request")
    if request is None or context.get("preview") or getattr(request, "resolver_match", None) is None:
        return []
    feeds = []
    topic = context.get("topic")
    if isinstance(topic, Topic):
        feeds.append((f"Updates on {topic.title}", reverse("feeds:topic", args=[topic.slug])))
    item_kind = kind_for(type(context.get("item")))
    namespace = request.resolver_match.namespace
    page_kinds = [item_kind] if item_kind else [kind for kind in kinds() if kind.model._meta.app_label == namespace]
    feeds += [
        (f"Updates to {kind.heading[:1].lower()}{kind.heading[1:]}", reverse("feeds:kind", args=[kind.slug]))
        for kind in page_kinds
    ]
    feeds.append(("All updates to this guidance", reverse("feeds:updates")))
    return feeds


@register.inclusion_tag("feeds/partials/feed_links.html", takes_context=True)
def feed_links(context):
    return {"feeds": matching_feeds(context)}


@register.inclusion_tag("feeds/partials/get_updates.html", takes_context=True)
def get_updates(context):
    return {"feeds": matching_feeds(context)}
