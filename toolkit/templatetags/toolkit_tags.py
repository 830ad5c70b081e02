from functools import lru_cache

from django import template
from django.utils.html import format_html

from sharedservices.govuk import render
from toolkit.models import PROVENANCE_LABELS

register = template.Library()

# GOV.UK Frontend 6 tags are blue unless given a colour.
TAG_COLOURS = {
    "written-for-toolkit": "govuk-tag--turquoise",
    "example-material": "govuk-tag--yellow",
    "co-developed": "govuk-tag--green",
    "output-template": "",
}


@register.simple_tag
@lru_cache(maxsize=16)
def provenance_tag(value):
    """A template's provenance as a GOV.UK tag: one of a few labels fixed in code, so each is rendered once."""
    colour = TAG_COLOURS.get(value, "govuk-tag--grey")
    return render("tag", {"text": PROVENANCE_LABELS.get(value, value), "classes": colour})


@register.filter
def stage_checkboxes(stages, chosen):
    """Stages as (slug, "1. Vision", checked) for the checkbox_filter tag."""
    return [
        (stage.slug, format_html("{}. {}", number, stage.title), stage.slug in chosen)
        for number, stage in enumerate(stages, start=1)
    ]


@register.filter
def format_checkboxes(formats, chosen):
    """File formats as (value, "OpenDocument text (ODT)", checked) for the checkbox_filter tag."""
    return [(value, format_html("{} ({})", label, value.upper()), value in chosen) for value, label in formats]


@register.filter
def accessible_format_summary(template):
    """The summary of a template's "Request an accessible format" details, naming the template for screen readers."""
    return format_html('Request an accessible format<span class="govuk-visually-hidden"> of {}</span>', template.title)
