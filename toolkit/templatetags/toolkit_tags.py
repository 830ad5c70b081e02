from django import template
from django.utils.html import format_html

register = template.Library()

# GOV.UK Frontend 6 tags are blue unless given a colour.
TAG_COLOURS = {
    "written-for-toolkit": "govuk-tag--turquoise",
    "example-material": "govuk-tag--yellow",
    "co-developed": "govuk-tag--green",
    "output-template": "",
}


@register.filter
def provenance_tag_class(value):
    """The GOV.UK tag colour for a template's provenance."""
    return TAG_COLOURS.get(value, "govuk-tag--grey")


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
