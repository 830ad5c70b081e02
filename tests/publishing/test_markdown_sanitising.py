"""Editor Markdown becomes GOV.UK-styled HTML with nothing executable left in it."""

import re
from html.parser import HTMLParser

import pytest

from publishing.markdown import plain_text, render_markdown

# Filter-evasion payloads in the style of the OWASP XSS cheat sheet, as an
# editor might paste them into Markdown.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="' + "".join(f"&#{ord(c):07d}" for c in "javascript:alert('XSS')") + '">',
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=//xss.example/.j>",
    "<iframe src=https://xss.example/scriptlet.html <",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    '<svg/onload=alert("XSS")>',
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">",
    '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0i">',
    "[click me](javascript:alert(1))",
    "[click me](JAVASCRIPT:alert(1))",
    "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click me](vbscript:msgbox(1))",
    '[click me](https://example.gov.uk "title" onclick="alert(1)")',
    "![image](javascript:alert(1))",
    '<a href="&#106;avascript:alert(1)">entity link</a>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<details open ontoggle=alert(1)>",
    '<p style="color:red">styled</p>',
    '<base href="javascript:alert(1)//">',
]

SAFE_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "a", "strong", "em", "b", "i",
    "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub",
}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "id", "class", "rel", "scope", "align"}
SAFE_URL = re.compile(r"^(https?:|mailto:|/|#)", re.I)


class ElementAudit(HTMLParser):
    """Collects every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in SAFE_ATTRIBUTES:
                self.problems.append(f"{tag}[{name}]")
            if name == "href" and not SAFE_URL.match((value or "").strip()):
                self.problems.append(f"{tag}[href={value}]")


def executable_parts(html):
    audit = ElementAudit()
    audit.feed(html)
    return audit.problems


def test_the_corpus_has_at_least_thirty_payloads():
    assert len(XSS_PAYLOADS) >= 30


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_payload_survives_rendering(payload):
    html, _ = render_markdown(f"Intro paragraph.\n\n{payload}\n\nAfter.")
    assert executable_parts(html) == [], html
    assert "<script" not in html.lower()


def test_the_audit_itself_catches_unsafe_html():
    assert executable_parts('<p onclick="x()">a</p><script>1</script><a href="javascript:x()">b</a>') == [
        "p[onclick]",
        "<script>",
        "a[href=javascript:x()]",
    ]


def test_markdown_gets_govuk_classes():
    html, _ = render_markdown("## Costs\n\nSome *text* with [a link](/faq/).\n\n- one\n- two\n\n1. first\n2. second")
    assert '<h2 class="govuk-heading-l" id="costs">Costs</h2>' in html
    assert '<p class="govuk-body">' in html
    assert '<a class="govuk-link" href="/faq/"' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html


def test_tables_get_govuk_classes_and_header_scope():
    html, _ = render_markdown("| Service | Saving |\n| --- | --- |\n| HR | 20% |")
    assert '<table class="govuk-table">' in html
    assert '<th class="govuk-table__header" scope="col">Service</th>' in html
    assert '<td class="govuk-table__cell">HR</td>' in html


def test_level_one_headings_are_demoted_so_the_page_keeps_one_h1():
    html, headings = render_markdown("# Not the title\n\ntext")
    assert "<h1" not in html
    assert headings == [{"id": "not-the-title", "text": "Not the title"}]


def test_headings_are_listed_for_the_contents_list_as_plain_text():
    _, headings = render_markdown("## First & best\n\n## Second <em>part</em>\n\n### Not listed")
    assert headings == [{"id": "first-best", "text": "First & best"}, {"id": "second-part", "text": "Second part"}]


def test_a_heading_cannot_take_an_id_the_page_layout_uses():
    html, _ = render_markdown("## Main content")
    assert 'id="section-main-content"' in html


def test_plain_text_strips_markup():
    assert plain_text("## Heading\n\nSome **bold** text & more.") == "Heading Some bold text & more."
