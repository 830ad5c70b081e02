from django.shortcuts import render

from guidance.models import AUDIENCE_LEADS, AUDIENCE_PAGE_TITLES, Guide
from guidance.selectors import guide_page, guides_by_topic
from publishing.models import Audience
from publishing.pagination import SHORTLIST_LENGTH, shortlist
from publishing.reader_pages import reader_page
from publishing.views import render_readable
from search.selectors import browse_url

AUDIENCE_PAGES = {
    Audience.PROVIDERS: {
        "title": AUDIENCE_PAGE_TITLES[Audience.PROVIDERS],
        "lead": AUDIENCE_LEADS[Audience.PROVIDERS],
        "other": Audience.CUSTOMERS,
        "other_prompt": "Use shared services rather than provide them?",
        "other_link": "Read the guidance for customers",
    },
    Audience.CUSTOMERS: {
        "title": AUDIENCE_PAGE_TITLES[Audience.CUSTOMERS],
        "lead": AUDIENCE_LEADS[Audience.CUSTOMERS],
        "other": Audience.PROVIDERS,
        "other_prompt": "Run a shared service centre, or plan to?",
        "other_link": "Read the guidance for providers",
    },
}


@reader_page()
def guide_index(request):
    everyone_guides = shortlist(Guide.objects.for_everyone(), SHORTLIST_LENGTH)
    return render(
        request,
        "guidance/guide_index.html",
        {"everyone_guides": everyone_guides, "all_guides_url": browse_url(Guide)},
    )


@reader_page()
def guide_list(request, audience):
    groups, cut = guides_by_topic(audience=audience)
    for group in groups:
        topics = [group["topic"].slug] if group["topic"] else []
        group["all_url"] = browse_url(Guide, audiences=[audience], topics=topics)
    context = {
        "audience": audience,
        "page": AUDIENCE_PAGES[audience],
        "groups": groups,
        "cut": cut,
        "all_url": browse_url(Guide, audiences=[audience]),
    }
    return render(request, "guidance/guide_list.html", context)


@reader_page()
def guide_detail(request, slug):
    return render_readable(request, Guide.objects.all(), slug, "guidance/guide_detail.html", guide_page)
