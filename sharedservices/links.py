"""Addresses of pages named by a slug, without running reverse() for every link on a page.

A list page links to dozens of items, and reverse() costs tens of microseconds each time. The
address of `name` with a slug is the same every time but for the slug, so the parts around the slugs
are reversed once per URL configuration and script prefix, and the slugs are put in between.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Reversed in place of the slugs to find where they go: slugs themselves, so every route accepts them.
MARKERS = ("0slug0marker0", "0slug0marker1", "0slug0marker2")
_parts = {}


def slug_url(name, *slugs):
    """reverse(name, args=slugs), for a URL pattern whose arguments are all slugs (or that has none)."""
    slugs = [str(slug) for slug in slugs]
    if len(slugs) > len(MARKERS) or not all(map(SLUG.fullmatch, slugs)):
        return reverse(name, args=slugs)  # reverse() says what is wrong with them
    # The resolver object is new whenever the URL configuration changes (clear_url_caches).
    key = (get_resolver(get_urlconf()), get_script_prefix(), name, len(slugs))
    parts = _parts.get(key)
    if parts is None:
        parts = _parts[key] = _split(reverse(name, args=MARKERS[: len(slugs)]), MARKERS[: len(slugs)])
    if not parts:
        return reverse(name, args=slugs)
    # A slug's characters are never percent-encoded, so each goes in as it is.
    if not slugs:
        return parts[0]
    if len(slugs) == 1:
        return f"{parts[0]}{slugs[0]}{parts[1]}"
    return "".join(part for pair in zip(parts, [*slugs, ""], strict=True) for part in pair)


def _split(url, markers):
    """The parts of `url` around each marker in turn, or None when they are not each there once, in order."""
    parts = []
    for marker in markers:
        before, found, url = url.partition(marker)
        if not found or marker in url:
            return None
        parts.append(before)
    return [*parts, url]


NO_TEAM_EMAIL = (
    '<strong class="app-placeholder">[placeholder: the team\'s contact address, set by the team running this '
    "portal]</strong>"
)


def team_email_link(subject=""):
    """A mailto link to the team (with a subject, when given), or a placeholder while the address is not set."""
    email = settings.TEAM_EMAIL
    if not email:
        return mark_safe(NO_TEAM_EMAIL)  # noqa: S308 - fixed text
    href = f"mailto:{email}?subject={quote(subject, safe='/')}" if subject else f"mailto:{email}"
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, email)
