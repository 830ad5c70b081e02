"""GOV.UK Frontend components in Django templates, rendered by the official macros (sharedservices.govuk).

    {% govuk "tag" text=label classes="govuk-tag--green" %}
    {% govuk_call "details" summaryText="Change history" %}<p>…</p>{% endgovuk_call %}

Options are the macro's own, by the names the GOV.UK Design System gives them; a double
underscore reaches into a nested option (`label__classes="govuk-visually-hidden"` is
`label: {classes: …}`). The content between `govuk_call` and `endgovuk_call` becomes the
component's `html` option, as a Nunjucks `{% call %}` block does.
"""

from functools import cache

from django import template
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.utils.html import format_html

from sharedservices.govuk import Skeleton, render

register = template.Library()

FOOTER_LINKS = [("About", "/about/"), ("Accessibility statement", "/accessibility/"), ("Privacy", "/privacy/")]


def nested(options):
    """{"label__text": "Search"} -> {"label": {"text": "Search"}}."""
    params = {}
    for key, value in options.items():
        *parents, name = key.split("__")
        target = params
        for parent in parents:
            target = target.setdefault(parent, {})
        target[name] = value
    return params


@register.simple_tag(name="govuk")
def component(component_name, **options):
    return render(component_name, nested(options))


def is_html_option(name):
    return name == "html" or name.endswith("Html")


class GovukCallNode(template.Node):
    def __init__(self, component, options, nodelist):
        self.component, self.options, self.nodelist = component, options, nodelist
        # With the component and every option but the html ones written in the template, the macro is run
        # once, and each render fills in the html (see sharedservices.govuk.Skeleton).
        fixed = [value for name, value in options.items() if not is_html_option(name)]
        self.fixed = not any(value.is_var or value.filters for value in [component, *fixed])
        self.skeleton = None

    def render(self, context):
        options = {key: value.resolve(context) for key, value in self.options.items()}
        options["html"] = self.nodelist.render(context)
        if self.fixed and self.skeleton is None:
            fixed = {name: value for name, value in options.items() if not is_html_option(name)}
            slots = [name for name in options if is_html_option(name)]
            self.skeleton = Skeleton(self.component.resolve(context), nested(fixed), slots)
        filled = self.skeleton.fill(options) if self.fixed else None
        return filled if filled is not None else render(self.component.resolve(context), nested(options))


@register.tag
def govuk_call(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('govuk_call needs the component\'s name, such as "details"')
    component = parser.compile_filter(bits[1])
    options = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(options) != len(bits) - 2:
        raise template.TemplateSyntaxError("govuk_call takes the component's name and then name=value options only")
    nodelist = parser.parse(("endgovuk_call",))
    parser.delete_first_token()
    return GovukCallNode(component, options, nodelist)


# The layout's components below take no option from content or from the request, so each is rendered once per
# process, like a compiled template: every page shows them, and the macros cost a millisecond or two a page.


@register.simple_tag
@cache
def govuk_skip_link():
    """The skip link to the page's main content, first in every page."""
    return render("skip-link", {"href": "#main-content", "text": "Skip to main content"})


@register.simple_tag
@cache
def govuk_header():
    """The GOV.UK header: the GOV.UK logo, linking to GOV.UK's home page."""
    return render("header", {"homepageUrl": "https://www.gov.uk/"})


@register.simple_tag
@cache
def govuk_footer():
    """The GOV.UK footer with the portal's support links, the Open Government Licence and Crown copyright."""
    items = [{"text": text, "href": href} for text, href in FOOTER_LINKS]
    return render("footer", {"meta": {"visuallyHiddenTitle": "Support links", "items": items}})


@register.simple_tag
def breadcrumbs(*trail):
    """Breadcrumbs from Home through `trail`: alternate link texts and addresses, "Guidance", "/guidance/", …"""
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of link text and address")
    pairs = [("Home", "/"), *zip(trail[::2], trail[1::2], strict=True)]
    return render("breadcrumbs", {"items": [{"text": text, "href": href} for text, href in pairs]})


@register.simple_tag
def pagination(links, label):
    """GOV.UK pagination for a publishing.pagination.Pagination; nothing when everything fits on one page."""
    if not links.items:
        return ""
    items = [
        {"ellipsis": True} if item.get("ellipsis") else
        {"number": str(item["number"]), "href": item["url"], "current": item["current"]}
        for item in links.items
    ]  # fmt: skip
    params = {"items": items, "landmarkLabel": label}
    if links.previous_url:
        params["previous"] = {"href": links.previous_url}
    if links.next_url:
        params["next"] = {"href": links.next_url}
    return render("pagination", params)


@register.simple_tag
def previous_next(previous, following, noun, label):
    """Block pagination to the previous and next item of a sequence (such as the toolkit's stages), by title."""
    params = {"landmarkLabel": label}
    for key, item, word in (("previous", previous, "Previous"), ("next", following, "Next")):
        if item:
            params[key] = {
                "href": item.get_absolute_url(),
                "html": format_html('{}<span class="govuk-visually-hidden"> {}</span>', word, noun),
                "labelText": item.title,
            }
    return render("pagination", params) if len(params) > 1 else ""


@register.simple_tag
def checkbox_filter(name, legend, options):
    """A fieldset of small checkboxes that filters a list, from (value, label html, checked) triples.

    Written as a template rather than by calling govukCheckboxes: filters show on the templates list and on every
    search, and the macro (a fieldset, a label and attributes macro per option) costs a few milliseconds a page."""
    items = [
        {"value": value, "label": label, "checked": checked, "id": f"filter-{name}-{value}"}
        for value, label, checked in options
    ]
    return render_to_string("includes/checkbox_filter.html", {"name": name, "legend": legend, "items": items})
