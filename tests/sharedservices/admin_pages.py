"""Reading admin pages in tests: which layout a page uses and the words a person sees on it."""

from html.parser import HTMLParser

# Words of the two-factor machinery that mean nothing to an editor.
JARGON = ("otp", "token", "device", "challenge", "totp")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attrs = dict(attrs)
        # Button captions and placeholders are read too, not only text between tags.
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.words.append(attrs.get("value") or "")
        for name in ("placeholder", "aria-label", "alt", "title"):
            if attrs.get(name):
                self.words.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.words.append(data.strip())


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.words)


def jargon_in(html):
    text = visible_text(html).lower()
    return [word for word in JARGON if word in text]


def uses_admin_layout(html):
    return '<header id="header">' in html and "Shared Services Guidance: editing" in html


def uses_reader_layout(html):
    return 'class="govuk-template"' in html
