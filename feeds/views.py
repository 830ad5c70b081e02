from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.urls import get_script_prefix, reverse

from feeds.feeds import KindFeed, SiteFeed, TopicFeed
from feeds.sitemaps import NOT_FOR_CRAWLERS, sections
from publishing.reader_pages import reader_page

site_feed = reader_page()(SiteFeed())
topic_feed = reader_page()(TopicFeed())
kind_feed = reader_page()(KindFeed())


@reader_page()
def sitemap(request):
    """The whole sitemap in one file while it fits the protocol's limit; past it, an index of sections."""
    maps = sections()
    if sum(section.paginator.count for section in maps.values()) <= settings.SITEMAP_URL_LIMIT:
        return sitemap_views.sitemap(request, maps)
    return sitemap_views.index(request, maps, sitemap_url_name="feeds:sitemap-section")


@reader_page("p")
def sitemap_section(request, section):
    maps = sections()
    if section not in maps:
        raise Http404("No such sitemap section")
    return sitemap_views.sitemap(request, maps, section=section)


@reader_page()
def robots(request):
    prefix = get_script_prefix()
    lines = ["User-agent: *", *(f"Disallow: {prefix}{path}" for path in NOT_FOR_CRAWLERS)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('feeds:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
