from django import template

register = template.Library()

TAG_COLOURS = {
    "written-for-toolkit": "turquoise",
    "example-material": "yellow",
    "co-developed": "green",
    "output-template": "blue",
}


@register.filter
def human_size(size):
    """File size as GOV.UK shows it on attachments: "812 bytes", "38 KB", "1.2 MB"."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@register.filter
def provenance_colour(value):
    return TAG_COLOURS.get(value, "grey")
