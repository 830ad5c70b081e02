from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()

# Sections in the service navigation, in order. A section whose app is not
# installed yet is left out rather than linking to a missing page.
SECTIONS = [
    ("Guidance", "guidance:index"),
    ("Toolkit", "toolkit:index"),
    ("FAQ", "faq:index"),
    ("Topics", "topics:index"),
    ("About", "about"),
]


def section_links():
    links = []
    for label, url_name in SECTIONS:
        try:
            links.append((label, reverse(url_name)))
        except NoReverseMatch:
            continue
    return links


@register.inclusion_tag("includes/service_navigation.html", takes_context=True)
def service_navigation(context):
    request = context.get("request")
    path = request.path if request else ""
    items = [{"label": label, "url": url, "active": path.startswith(url)} for label, url in section_links()]
    return {"items": items, "service_name": context.get("service_name")}
