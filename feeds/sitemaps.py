"""The sitemap's sections: the site's fixed reader pages, topic pages, and one section per kind of content.

Only what `published()` returns is listed: never a draft, an item in review, a scheduled item or a
withdrawn one. Fixed pages are found from the URL configuration (every reader page that takes no
argument), so a section added by a new app appears without a change here.
"""

import re

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import URLPattern, URLResolver, get_resolver, get_script_prefix

from publishing.models import Topic
from publishing.reader_pages import query_reading_of
from publishing.registry import kinds

# Reader pages that are not for crawlers (robots.txt says so too): result pages of any query, the feedback steps.
NOT_FOR_CRAWLERS = ("search/", "feedback/", "api/", "preview/")
# Large fields no sitemap entry needs.
UNNEEDED_FIELDS = ("body", "body_html", "headings", "sources", "withdrawal_reason")


# A converter that accepts only a few fixed words ("providers|customers") names a fixed set of pages.
FIXED_WORDS = re.compile(r"[\w-]+(?:\|[\w-]+)*")


def fixed_reader_pages(patterns=None, prefix=""):
    """Site-relative paths of the reader pages whose address takes no argument, or one of a few fixed words:
    "", "faq/", "guidance/providers/", "toolkit/templates/"."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += fixed_reader_pages(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and is_listed_page(pattern, route):
            found += fixed_routes(route, getattr(pattern.pattern, "converters", {}))
    return sorted(found)


def fixed_routes(route, converters):
    """The route with each converter replaced by each word it accepts; none if a converter accepts any text."""
    routes = [route]
    for name, converter in converters.items():
        if not FIXED_WORDS.fullmatch(converter.regex):
            return []
        placeholder = re.compile(rf"<(?:\w+:)?{name}>")
        routes = [placeholder.sub(word, each) for each in routes for word in converter.regex.split("|")]
    return routes


def is_listed_page(pattern, route):
    is_html_page = route == "" or route.endswith("/")
    return is_html_page and query_reading_of(pattern.callback) is not None and not route.startswith(NOT_FOR_CRAWLERS)


class LimitedSitemap(Sitemap):
    def __init__(self):
        self.limit = settings.SITEMAP_URL_LIMIT


class FixedPagesSitemap(LimitedSitemap):
    def items(self):
        return fixed_reader_pages()

    def location(self, route):
        return get_script_prefix() + route


class TopicSitemap(LimitedSitemap):
    def items(self):
        return Topic.objects.order_by("pk").only("slug")


class KindSitemap(LimitedSitemap):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def items(self):
        return self.model.objects.published().defer(*UNNEEDED_FIELDS).order_by("pk")

    def lastmod(self, item):
        return item.last_updated


def sections():
    """{section name: sitemap}, fixed pages and topics first, then each kind in the registry's order."""
    found = {"pages": FixedPagesSitemap(), "topics": TopicSitemap()}
    found.update({kind.slug: KindSitemap(kind.model) for kind in kinds()})
    return found
