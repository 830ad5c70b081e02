from django.http import Http404
from django.shortcuts import get_object_or_404, render

from publishing.models import Topic
from publishing.reader_pages import page_query, reader_page
from publishing.registry import kind_by_slug
from topics.selectors import topic_groups, topic_kind_page


@reader_page()
def topic_list(request):
    return render(request, "topics/topic_list.html", {"topics": Topic.objects.all()})


@reader_page()
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(request, "topics/topic_detail.html", {"topic": topic, "groups": topic_groups(topic)})


@reader_page("page", normalise=page_query)
def topic_kind_list(request, slug, kind):
    topic = get_object_or_404(Topic, slug=slug)
    found = kind_by_slug(kind)
    if found is None or not found.searchable:
        raise Http404("No such kind of page")
    return render(request, "topics/topic_kind_list.html", topic_kind_page(topic, found, request.GET.get("page")))
