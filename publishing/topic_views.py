from django.shortcuts import get_object_or_404, render

from publishing.models import Topic
from publishing.registry import content_models


def topic_list(request):
    return render(request, "publishing/topic_list.html", {"topics": Topic.objects.all()})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    groups = []
    for model in content_models():
        items = list(model.objects.published().filter(topics=topic).order_by("title").only("title", "slug", "summary"))
        if items:
            groups.append({"label": model._meta.verbose_name_plural.capitalize(), "items": items})
    return render(request, "publishing/topic_detail.html", {"topic": topic, "groups": groups})
