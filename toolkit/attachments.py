"""A template as GOV.UK shows attachments: its labels, downloads, version and the accessible-format request, alone
(a template's page) or as an entry of a list (the templates list, a stage, an example).

Written in Python rather than as included templates: Django's template engine spent an entry's time looking up its
variables through the context (some 35 nodes an entry). Each value is escaped once, with the standard library's
html.escape as Django's escape() does, and the fragments joined as plain strings: format_html() checked every value
for lazy text on every call, which took half of a list's time. A list of 20 takes about 1.2 ms. The markup is the same
as the templates wrote; the GOV.UK "details" component still comes from its macro.
"""

import html
from functools import cache, lru_cache

from django.utils import formats
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

from sharedservices.govuk import Skeleton, render
from sharedservices.links import team_email_link
from toolkit.models import PROVENANCE_LABELS

# GOV.UK Frontend 6 tags are blue unless given a colour.
TAG_COLOURS = {
    "written-for-toolkit": "govuk-tag--turquoise",
    "example-material": "govuk-tag--yellow",
    "co-developed": "govuk-tag--green",
    "output-template": "",
}


@lru_cache(maxsize=16)
def provenance_tag(value):
    """A template's provenance as a GOV.UK tag: one of a few labels fixed in code, so each is rendered once."""
    colour = TAG_COLOURS.get(value, "govuk-tag--grey")
    return render("tag", {"text": PROVENANCE_LABELS.get(value, value), "classes": colour})


def text(value):
    """A value as HTML: escaped as Django's escape() does, unless it is already safe HTML."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def accessible_format_summary(template):
    """The summary of a template's "Request an accessible format" details, naming the template for screen readers."""
    return mark_safe(  # noqa: S308 - its one value escaped
        f'Request an accessible format<span class="govuk-visually-hidden"> of {text(template.title)}</span>'
    )


# The "Request an accessible format" details' options besides its summary and body.
REQUEST_OPTIONS = {"classes": "app-attachment__request"}


@cache
def request_details():
    """The "Request an accessible format" details, its macro run once (sharedservices.govuk.Skeleton)."""
    return Skeleton("details", REQUEST_OPTIONS, ["summaryHtml", "html"])


def accessible_format_request(template):
    body = mark_safe(  # noqa: S308 - its one value escaped
        '<p class="govuk-body">If you use assistive technology (such as a screen reader) and need a version of this '
        "template in a more accessible format, email "
        f"{text(team_email_link(f'Accessible format request: {template.title}'))}.</p>\n"
        '<p class="govuk-body govuk-!-margin-bottom-0">Tell us which template you need and in what format. It will '
        "help us if you say what assistive technology you use.</p>"
    )
    values = {"summaryHtml": accessible_format_summary(template), "html": body}
    return request_details().fill(values) or render("details", {**REQUEST_OPTIONS, **values})


def labels(template, *, show_hint, show_stage):
    hint = f"<span>{text(template.provenance_hint)}</span>" if show_hint else ""
    stage = (
        f'<span class="app-attachment__stage">Stage: <a class="govuk-link" '
        f'href="{text(template.stage.get_absolute_url())}">{text(template.stage.title)}</a></span>'
        if show_stage
        else ""
    )
    return (
        f'<p class="govuk-body-s app-attachment__labels">\n{provenance_tag(template.provenance)}\n{hint}\n{stage}\n</p>'
    )


def downloads(template):
    files = template.downloads()
    if not files:
        return '<p class="govuk-body">There is no file to download yet.</p>'
    title = text(template.title)
    items = "\n".join(
        f'<li><a class="govuk-link" href="{text(file.url)}">Download <span class="govuk-visually-hidden">{title} as '
        f'</span>{text(file.label)}</a> <span class="app-attachment__meta">({text(file.meta)})</span></li>'
        for file in files
    )
    return f'<ul class="govuk-list app-attachment__files">\n{items}\n</ul>'


def version(template):
    updated = ""
    if template.last_updated:
        day = formats.date_format(template_localtime(template.last_updated), "j F Y")
        updated = (
            f'<span aria-hidden="true"> · </span><span class="govuk-visually-hidden">, </span>last updated {text(day)}'
        )
    return f'<p class="govuk-body-s app-attachment__meta">Version {text(template.file_version)}{updated}</p>'


def attachment_html(template, *, show_hint, show_stage):
    return (
        f"{labels(template, show_hint=show_hint, show_stage=show_stage)}\n{downloads(template)}\n{version(template)}\n"
        f"{accessible_format_request(template)}"
    )


def attachment(template, *, show_hint=False, show_stage=False):
    """What a template's page shows of its files, and a list shows under each template's title and summary."""
    return mark_safe(attachment_html(template, show_hint=show_hint, show_stage=show_stage))  # noqa: S308 - escaped


def attachment_list(templates, *, heading_level, show_stage=False):
    """Templates as the entries of a list (the <li> of each), each with its title, linking to its page, and summary."""
    level = int(heading_level)
    entries = "\n".join(
        f'<li class="app-attachment">\n<h{level} class="govuk-heading-s govuk-!-margin-bottom-2">'
        f'<a class="govuk-link" href="{text(template.get_absolute_url())}">{text(template.title)}</a></h{level}>\n'
        f'<p class="govuk-body govuk-!-margin-bottom-2">{text(template.summary)}</p>\n'
        f"{attachment_html(template, show_hint=False, show_stage=show_stage)}\n</li>"
        for template in templates
    )
    return mark_safe(entries)  # noqa: S308 - every value escaped
