from guidance.models import Guide


def guides_by_topic(*, audience):
    """An audience page's guides, grouped under each guide's main topic.

    Each guide is listed once. Groups come in the order of their most useful
    guide, so the page opens with what the editors rank highest; guides with
    no topic come last.
    """
    groups = {}
    untopical = []
    for guide in Guide.objects.for_audience_page(audience):
        topic = guide.listing_topic()
        if topic is None:
            untopical.append(guide)
        else:
            groups.setdefault(topic.pk, {"topic": topic, "guides": []})["guides"].append(guide)
    listed = list(groups.values())
    if untopical:
        listed.append({"topic": None, "guides": untopical})
    return listed
