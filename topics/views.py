from django.shortcuts import get_object_or_404, render

from publishing.models import Topic
from publishing.reader_pages import reader_page
from topics.selectors import topic_groups


@reader_page()
def topic_list(request):
    return render(request, "topics/topic_list.html", {"topics": Topic.objects.all()})


@reader_page()
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(request, "topics/topic_detail.html", {"topic": topic, "groups": topic_groups(topic)})
