"""Markdown to safe, GOV.UK-styled HTML. Run once when an item is saved, never per request."""

import html
import re

import markdown as markdown_lib
import nh3
from django.utils.text import slugify

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "a", "strong", "em", "b", "i",
    "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "th": {"align"}, "td": {"align"},
}  # fmt: skip
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# GOV.UK Frontend classes added after sanitising, when the only attributes left are safe ones.
GOVUK_CLASSES = {
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--l govuk-section-break--visible",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
}
GOVUK_ATTRIBUTES = {tag: f'class="{classes}"' for tag, classes in GOVUK_CLASSES.items()}
GOVUK_ATTRIBUTES["th"] += ' scope="col"'
OPENING_TAG = re.compile(r"<(" + "|".join(GOVUK_CLASSES) + r")(?=[\s>/])")
HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# Ids the page layout itself uses; a heading must not take them.
RESERVED_IDS = {"main-content", "navigation", "header-search-q", "home-search-q", "contents"}


def heading_id(value, separator="-"):
    slug = slugify(value) or "section"
    return f"section-{slug}" if slug in RESERVED_IDS else slug


def render_markdown(text):
    """Return (html, headings) for editor-written Markdown.

    headings is a list of {"id", "text"} for each level-2 heading, used for the
    page's contents list. Page titles are the only <h1>, so a "#" heading in the
    body is demoted to <h2>.
    """
    converter = markdown_lib.Markdown(
        extensions=["toc", "tables", "sane_lists", "fenced_code"],
        extension_configs={"toc": {"slugify": heading_id}},
        output_format="html",
    )
    raw = converter.convert(text or "")
    raw = re.sub(r"<(/?)h1\b", r"<\1h2", raw)
    clean = sanitise_html(raw)
    styled = OPENING_TAG.sub(lambda m: f"<{m.group(1)} {GOVUK_ATTRIBUTES[m.group(1)]}", clean)
    headings = [{"id": hid, "text": html.unescape(TAG.sub("", inner)).strip()} for hid, inner in HEADING.findall(clean)]
    return styled, headings


def sanitise_html(raw):
    """Remove everything but plain structural HTML: no scripts, handlers, styles, frames or unsafe URLs."""
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(markdown_text):
    """Text content of Markdown, for search indexes and meta descriptions."""
    rendered, _ = render_markdown(markdown_text)
    return " ".join(html.unescape(TAG.sub(" ", rendered)).split())
