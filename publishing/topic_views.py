from django.shortcuts import get_object_or_404, render

from publishing.models import Topic
from publishing.pagination import SHORTLIST_LENGTH, shortlist
from publishing.reader_pages import reader_page
from publishing.registry import content_models
from search.selectors import browse_url

# How each kind is headed on a topic page, in the order the kinds appear.
# A content type not named here follows them, headed by its plural name.
KIND_HEADINGS = {
    "guidance.guide": "Guidance",
    "faq.question": "Frequently asked questions",
    "toolkit.stage": "Toolkit stages",
    "toolkit.example": "Examples and case studies",
    "toolkit.template": "Templates",
}


def kinds_in_order():
    order = list(KIND_HEADINGS)
    models = content_models()
    return sorted(
        models, key=lambda m: order.index(m._meta.label_lower) if m._meta.label_lower in order else len(order)
    )


def kind_heading(model):
    return KIND_HEADINGS.get(model._meta.label_lower) or str(model._meta.verbose_name_plural).capitalize()


@reader_page()
def topic_list(request):
    return render(request, "publishing/topic_list.html", {"topics": Topic.objects.all()})


@reader_page()
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    groups = []
    # One query per kind of content, however much is published: the first few of each kind in
    # title order (read from the title index), and a link to all of them in search.
    for model in kinds_in_order():
        items = shortlist(
            model.objects.published().filter(topics=topic).only("title", "slug", "summary").order_by("title", "pk"),
            SHORTLIST_LENGTH,
        )
        if items:
            groups.append(
                {
                    "id": model._meta.label_lower.replace(".", "-"),
                    "label": kind_heading(model),
                    "items": items,
                    "all_url": browse_url(model, topics=[topic.slug]),
                }
            )
    return render(request, "publishing/topic_detail.html", {"topic": topic, "groups": groups})
