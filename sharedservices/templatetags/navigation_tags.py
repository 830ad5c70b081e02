from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch

from sharedservices.govuk import render
from sharedservices.links import slug_url, team_email_link

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
    links = tuple(section_links())
    current = next((url for _label, url in links if path.startswith(url)), None)
    query = context.get("query", "") or ""
    # Without a query the navigation is one of a handful of renderings (one per section), the same on every
    # page of that section, so each is rendered once per process; a search's query is shown as typed.
    render_navigation = navigation_html if query else navigation_html_without_query
    return render_navigation(context.get("service_name"), links, current, query)


def navigation_html(service_name, links, current, query):
    search = search_box("header-search", "small", query)
    return render(
        "service-navigation",
        {
            "serviceName": service_name,
            "serviceUrl": "/",
            "classes": "app-service-navigation",
            "navigation": [{"text": label, "href": url, "active": url == current} for label, url in links],
            "slots": {"end": search},
        },
    )


navigation_html_without_query = lru_cache(maxsize=64)(navigation_html)


@register.simple_tag
def search_box(form_id, size, query=""):
    """The site search (includes/search_form.html): a box, empty or holding the query, and its button."""
    if query:
        return search_box_html(form_id, size, query)
    return search_box_html_without_query(form_id, size)  # the same on every page that shows it


def search_box_html(form_id, size, query=""):
    return render_to_string("includes/search_form.html", {"form_id": form_id, "size": size, "query": query})


search_box_html_without_query = lru_cache(maxsize=8)(search_box_html)


@register.simple_tag(name="team_email_link")
def team_email_link_tag(subject=""):
    """A mailto link to the team, or a placeholder while its address is not set (sharedservices.links)."""
    return team_email_link(subject)
