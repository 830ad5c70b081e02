from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch

from sharedservices.govuk import render
from sharedservices.links import slug_url

register = template.Library()

# Sections in the service navigation, in order. A section whose app is not
# installed yet is left out rather than linking to a missing page.
SECTIONS = [
    ("Guidance", "guidance:index"),
    ("Toolkit", "toolkit:index"),
    ("Tools", "tools:index"),
    ("Directory", "directory:overview"),
    ("FAQ", "faq:index"),
    ("Topics", "topics:index"),
    ("About", "about"),
]


def section_links():
    links = []
    for label, url_name in SECTIONS:
        try:
            links.append((label, slug_url(url_name)))
        except NoReverseMatch:
            continue
    return links


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """GOV.UK service navigation: the service's name, its sections (the current one marked) and the site search."""
    request = context.get("request")
    path = request.path if request else ""
    search = render_to_string(
        "includes/search_form.html", {"form_id": "header-search", "size": "small", "query": context.get("query", "")}
    )
    return render(
        "service-navigation",
        {
            "serviceName": context.get("service_name"),
            "serviceUrl": "/",
            "classes": "app-service-navigation",
            "navigation": [
                {"text": label, "href": url, "active": path.startswith(url)} for label, url in section_links()
            ],
            "slots": {"end": search},
        },
    )
