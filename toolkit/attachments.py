"""A template as GOV.UK shows attachments: its labels, downloads, version and the accessible-format request, alone
(a template's page) or as an entry of a list (the templates list, a stage, an example).

Written in Python rather than as included templates: Django's template engine spent an entry's time looking up its
variables through the context (some 35 nodes an entry); written here, a list of 20 takes about 4.5 ms. The markup is
the same as the templates wrote; the GOV.UK "details" component still comes from its macro.
"""

from functools import cache, lru_cache

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
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


def accessible_format_summary(template):
    """The summary of a template's "Request an accessible format" details, naming the template for screen readers."""
    return format_html('Request an accessible format<span class="govuk-visually-hidden"> of {}</span>', template.title)


# The "Request an accessible format" details' options besides its summary and body.
REQUEST_OPTIONS = {"classes": "app-attachment__request"}


@cache
def request_details():
    """The "Request an accessible format" details, its macro run once (sharedservices.govuk.Skeleton)."""
    return Skeleton("details", REQUEST_OPTIONS, ["summaryHtml", "html"])


def accessible_format_request(template):
    body = format_html(
        '<p class="govuk-body">If you use assistive technology (such as a screen reader) and need a version of this '
        "template in a more accessible format, email {}.</p>\n"
        '<p class="govuk-body govuk-!-margin-bottom-0">Tell us which template you need and in what format. It will '
        "help us if you say what assistive technology you use.</p>",
        team_email_link(f"Accessible format request: {template.title}"),
    )
    values = {"summaryHtml": accessible_format_summary(template), "html": body}
    return request_details().fill(values) or render("details", {**REQUEST_OPTIONS, **values})


def labels(template, *, show_hint, show_stage):
    hint = format_html("<span>{}</span>", template.provenance_hint) if show_hint else ""
    stage = (
        format_html(
            '<span class="app-attachment__stage">Stage: <a class="govuk-link" href="{}">{}</a></span>',
            template.stage.get_absolute_url(),
            template.stage.title,
        )
        if show_stage
        else ""
    )
    return format_html(
        '<p class="govuk-body-s app-attachment__labels">\n{}\n{}\n{}\n</p>',
        provenance_tag(template.provenance),
        hint,
        stage,
    )


def downloads(template):
    files = template.downloads()
    if not files:
        return mark_safe('<p class="govuk-body">There is no file to download yet.</p>')  # noqa: S308 - fixed text
    items = format_html_join(
        "\n",
        '<li><a class="govuk-link" href="{}">Download <span class="govuk-visually-hidden">{} as </span>{}</a> '
        '<span class="app-attachment__meta">({})</span></li>',
        ((file.url, template.title, file.label, file.meta) for file in files),
    )
    return format_html('<ul class="govuk-list app-attachment__files">\n{}\n</ul>', items)


def version(template):
    updated = ""
    if template.last_updated:
        updated = format_html(
            '<span aria-hidden="true"> · </span><span class="govuk-visually-hidden">, </span>last updated {}',
            formats.date_format(template_localtime(template.last_updated), "j F Y"),
        )
    return format_html('<p class="govuk-body-s app-attachment__meta">Version {}{}</p>', template.file_version, updated)


def attachment(template, *, show_hint=False, show_stage=False):
    """What a template's page shows of its files, and a list shows under each template's title and summary."""
    return format_html(
        "{}\n{}\n{}\n{}",
        labels(template, show_hint=show_hint, show_stage=show_stage),
        downloads(template),
        version(template),
        accessible_format_request(template),
    )


def attachment_list(templates, *, heading_level, show_stage=False):
    """Templates as the entries of a list (the <li> of each), each with its title, linking to its page, and summary."""
    return format_html_join(
        "\n",
        '<li class="app-attachment">\n<h{} class="govuk-heading-s govuk-!-margin-bottom-2">'
        '<a class="govuk-link" href="{}">{}</a></h{}>\n'
        '<p class="govuk-body govuk-!-margin-bottom-2">{}</p>\n{}\n</li>',
        (
            (
                heading_level,
                template.get_absolute_url(),
                template.title,
                heading_level,
                template.summary,
                attachment(template, show_stage=show_stage),
            )
            for template in templates
        ),
    )
