"""Structural checks every reader page must pass, and what its lists link to, parsed with the standard library."""

import re
from html.parser import HTMLParser


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = {}
        self.html_lang = None
        self.title = ""
        self._in_title = False
        self._in_head = True
        self.skip_link_target = None
        self.ids = set()
        self.inline_scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang")
        # The document's title, not the <title> of an SVG image in the body (such as the GOV.UK logo).
        if tag == "title" and self._in_head:
            self._in_title = True
        if tag == "a" and "govuk-skip-link" in (attrs.get("class") or ""):
            self.skip_link_target = attrs.get("href")
        if tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "head":
            self._in_head = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse_page(html):
    page = PageStructure()
    page.feed(html)
    return page


def assert_reader_page_structure(html, title_prefix=None):
    page = parse_page(html)
    assert page.html_lang == "en-GB"
    assert page.tags.get("main") == 1, "exactly one <main>"
    assert page.tags.get("h1") == 1, "exactly one <h1>"
    assert page.tags.get("header", 0) >= 1 and page.tags.get("footer", 0) >= 1
    assert page.skip_link_target == "#main-content" and "main-content" in page.ids
    assert page.inline_scripts == 0, "no inline <script>"
    title = " ".join(page.title.split())
    assert title.endswith(" – Shared Services Guidance"), title
    if title_prefix:
        assert title.startswith(title_prefix), title
    return page


def card_links(html):
    """The addresses of the items listed as cards, in page order."""
    return re.findall(r'<li class="app-card-list__item">\s*<h\d [^>]*><a class="govuk-link" href="([^"]+)">', html)


def list_after(html, heading_id):
    """The link texts of the list that follows the heading with this id."""
    match = re.search(rf'id="{heading_id}">.*?<ul[^>]*>(.*?)</ul>', html, re.S)
    assert match, heading_id
    return re.findall(r'<a class="govuk-link" href="[^"]+">([^<]+)</a>', match.group(1))
