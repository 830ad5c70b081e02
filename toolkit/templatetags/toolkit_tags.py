from django import template
from django.utils.html import format_html

from toolkit import attachments

register = template.Library()


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


@register.simple_tag
def template_attachment(template, show_hint=False):
    """What a template's page shows of its files (toolkit.attachments)."""
    return attachments.attachment(template, show_hint=show_hint)


@register.simple_tag
def template_entries(templates, heading_level, show_stage=False):
    """Templates as the entries of a list, each an <li> (toolkit.attachments)."""
    return attachments.attachment_list(templates, heading_level=heading_level, show_stage=show_stage)
