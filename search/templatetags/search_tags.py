from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import format_html

register = template.Library()

COUNTED_LABEL = (
    '{} <span class="app-search-filters__count">({}<span class="govuk-visually-hidden"> result{}</span>)</span>'
)


@register.filter
def filter_checkboxes(options):
    """Search filter options as (value, label html, checked) for the checkbox_filter tag: each label with
    its count of results, which a screen reader hears as "(3 results)"."""
    return [
        (
            option.value,
            format_html(COUNTED_LABEL, option.label, option.count_text, pluralize(option.count))
            if option.count_text
            else format_html("{}", option.label),
            option.checked,
        )
        for option in options
    ]
