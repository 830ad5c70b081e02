"""Addresses of pages named by a slug, without running reverse() for every link on a page.

A list page links to dozens of items, and reverse() costs tens of microseconds each time. The
address of `name` with a slug is the same every time but for the slug, so the part around it is
reversed once per URL configuration and script prefix, and the slug is put in between.
"""

import re
from urllib.parse import quote

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Reversed in place of the slug to find where it goes: a slug itself, so every route accepts it.
MARKER = "0slug0marker0"
_around = {}


def slug_url(name, slug):
    """reverse(name, args=[slug]), for a URL pattern whose only argument is a slug."""
    slug = str(slug)
    if not SLUG.fullmatch(slug):
        return reverse(name, args=[slug])  # reverse() says what is wrong with it
    # The resolver object is new whenever the URL configuration changes (clear_url_caches).
    key = (get_resolver(get_urlconf()), get_script_prefix(), name)
    around = _around.get(key)
    if around is None:
        before, marker, after = reverse(name, args=[MARKER]).partition(MARKER)
        if not marker or MARKER in after:
            return reverse(name, args=[slug])
        around = _around[key] = (before, after)
    return f"{around[0]}{quote(slug)}{around[1]}"
