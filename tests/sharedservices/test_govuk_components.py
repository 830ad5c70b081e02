"""GOV.UK components come from GOV.UK Frontend's own macros (govuk-frontend-jinja), not hand-written HTML."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils.safestring import mark_safe

from publishing.markdown import GOVUK_CLASSES
from sharedservices import govuk

ROOT = Path(__file__).resolve().parents[2]
GOVUK_FRONTEND = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
COMPONENTS = sorted(path.name for path in (GOVUK_FRONTEND / "components").iterdir() if path.is_dir())
# A component's class: its block name, an element (__) or a modifier (--); not a longer name that starts
# the same way (govuk-button-group is a layout class, not the button).
COMPONENT_CLASS = re.compile(
    r"\bgovuk-(" + "|".join(map(re.escape, COMPONENTS)) + r")(?:(?:__|--)[a-z0-9-]+)?(?![\w-])"
)
CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")

# Component classes a template may write itself, each with the reason the macro cannot write it.
HAND_WRITTEN_ALLOWED = {
    # The notification banner's heading is part of the content the Design System passes to the macro
    # as `html`; the macro writes the banner around it.
    "templates/publishing/content_page.html": {"govuk-notification-banner__heading"},
    # The same for the history banner, whose content also links onwards with the banner's link style.
    "templates/publishing/partials/history_banner.html": {
        "govuk-notification-banner__heading",
        "govuk-notification-banner__link",
    },
    # A list filter's checkboxes: on every search and the templates list, where govukCheckboxes (a fieldset,
    # label and attributes macro per option) cost a few milliseconds a page. Kept the same as the macro's
    # markup by test_checkbox_filter_writes_what_govuk_checkboxes_writes.
    "templates/includes/checkbox_filter.html": {
        "govuk-checkboxes",
        "govuk-checkboxes--small",
        "govuk-checkboxes__input",
        "govuk-checkboxes__item",
        "govuk-checkboxes__label",
        "govuk-fieldset",
        "govuk-fieldset__legend",
        "govuk-fieldset__legend--s",
        "govuk-label",
    },
}
# Components whose markup a template above writes, for the checks that every component the portal shows is
# styled and that its macro writes what GOV.UK Frontend does.
WRITTEN_BY_HAND = {"checkboxes"}


def project_sources():
    """Every template, and the project's own Python (where a template tag could build HTML by hand)."""
    skip = {".venv", "node_modules", "tests", "migrations", "static", "staticfiles", "bench", "scripts"}
    templates = sorted((ROOT / "templates").rglob("*.html"))
    python = sorted(path for path in ROOT.rglob("*.py") if not skip & set(path.relative_to(ROOT).parts))
    return templates + python


def hand_written_component_classes(text):
    """Component class names written in class="…" attributes of `text`."""
    return {
        match.group(0) for attribute in CLASS_ATTRIBUTE.findall(text) for match in COMPONENT_CLASS.finditer(attribute)
    }


def test_component_class_pattern_tells_components_from_layout_classes():
    found = hand_written_component_classes(
        '<div class="govuk-button-group govuk-form-group govuk-width-container"><a class="govuk-link">x</a>'
        '<strong class="govuk-tag govuk-tag--green">y</strong><p class="govuk-inset-text">z</p></div>'
    )
    assert found == {"govuk-tag", "govuk-tag--green", "govuk-inset-text"}


def test_no_template_writes_a_govuk_components_html_by_hand():
    found = {}
    for path in project_sources():
        classes = hand_written_component_classes(path.read_text())
        if classes:
            found[str(path.relative_to(ROOT))] = classes
    # Equal, not a subset, so the allowed list never keeps an exception that is no longer needed.
    assert found == HAND_WRITTEN_ALLOWED


def components_rendered():
    """Every component the project renders through the macros: from the templates' {% govuk %} and
    {% govuk_call %} tags and from Python's render("…") calls."""
    used = set()
    for path in project_sources():
        text = path.read_text()
        used |= set(re.findall(r"""\{%\s*govuk(?:_call)?\s+["']([a-z-]+)["']""", text))
        used |= set(re.findall(r"""\brender\(\s*["']([a-z-]+)["']""", text))
    return used


def test_every_component_the_portal_uses_is_in_the_stylesheet():
    stylesheet = (ROOT / "frontend" / "scss" / "main.scss").read_text()
    compiled = set(re.findall(r'@use "govuk-frontend/dist/govuk/components/([a-z-]+)"', stylesheet))
    from_markdown = {
        match.group(1) for classes in GOVUK_CLASSES.values() for match in COMPONENT_CLASS.finditer(classes)
    }
    used = components_rendered() | WRITTEN_BY_HAND | from_markdown
    assert {"header", "footer", "service-navigation", "table"} <= used
    assert used - compiled == set()


class Canonical(HTMLParser):
    """HTML as a list of tags, sorted attributes and text, ignoring whitespace between them."""

    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = sorted(
            (name, " ".join(sorted((value or "").split())) if name == "class" else value) for name, value in attrs
        )
        self.parts.append(("<", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.parts.append(("</", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and self.parts and self.parts[-1][0] == "text":
            self.parts[-1] = ("text", f"{self.parts[-1][1]} {text}")
        elif text:
            self.parts.append(("text", text))


def canonical(html):
    parser = Canonical()
    parser.feed(html)
    return parser.parts


# Options of the installed GOV.UK Frontend that the portal does not use, and which the macros
# (ported from GOV.UK Frontend 6.3) do not have yet.
NEWER_THAN_THE_MACROS = {
    ("service-navigation", "with `inline` end slot"),
    ("service-navigation", "with right-aligned language navigation"),
    ("button", "start link with html"),
}


@pytest.mark.parametrize("component", sorted(components_rendered() | WRITTEN_BY_HAND))
def test_macros_write_the_html_of_the_installed_govuk_frontend(component):
    """Every example GOV.UK Frontend publishes for a component the portal renders comes out the same."""
    examples = json.loads((GOVUK_FRONTEND / "components" / component / "fixtures.json").read_text())["fixtures"]
    different = [
        example["name"]
        for example in examples
        if (component, example["name"]) not in NEWER_THAN_THE_MACROS
        and canonical(govuk.render(component, _safe_html_options(example["options"]))) != canonical(example["html"])
    ]
    assert len(examples) > 3 and different == []


def _safe_html_options(value, key=""):
    """The fixtures' `html` options are trusted markup, as our templates' are."""
    if isinstance(value, dict):
        return {name: _safe_html_options(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_safe_html_options(item, key) for item in value]
    if isinstance(value, str) and (key == "html" or key.endswith("Html")):
        return mark_safe(value)  # noqa: S308 - GOV.UK Frontend's own example markup
    return value


def test_text_options_are_escaped_and_plain_strings_are_refused_as_html():
    html = govuk.render("tag", {"text": "<script>alert(1)</script>"})
    assert "&lt;script&gt;" in html and "<script>" not in html
    with pytest.raises(TypeError, match="'html' option must be safe HTML"):
        govuk.render("inset-text", {"html": "<b>unchecked</b>"})


def test_an_unknown_component_is_named_in_the_error():
    with pytest.raises(ValueError, match="no component called 'warning'"):
        govuk.render("warning", {})


def render_template(source, **context):
    return Template("{% load govuk_tags %}" + source).render(Context(context))


def test_govuk_tag_nests_double_underscore_options_and_escapes_values():
    html = render_template(
        '{% govuk "input" id="q" name="q" label__text=label label__classes="govuk-visually-hidden" %}',
        label="Search <all>",
    )
    assert '<label class="govuk-label govuk-visually-hidden" for="q">' in html
    assert "Search &lt;all&gt;" in html


def test_govuk_call_passes_its_rendered_content_as_the_html_option():
    html = render_template(
        '{% govuk_call "details" summaryText="More" %}<p class="govuk-body">{{ note }}</p>{% endgovuk_call %}',
        note="a <b>bold</b> claim",
    )
    assert '<span class="govuk-details__summary-text">' in html and "More" in html
    assert '<p class="govuk-body">a &lt;b&gt;bold&lt;/b&gt; claim</p>' in html


def test_govuk_call_without_a_component_name_is_a_template_error():
    with pytest.raises(TemplateSyntaxError, match="needs the component's name"):
        Template("{% load govuk_tags %}{% govuk_call %}x{% endgovuk_call %}")


def test_breadcrumbs_start_at_home_and_need_pairs():
    html = render_template('{% breadcrumbs "Toolkit" "/toolkit/" %}')
    links = re.findall(r'<a class="govuk-breadcrumbs__link" href="([^"]+)">([^<]+)</a>', html)
    assert links == [("/", "Home"), ("/toolkit/", "Toolkit")]
    with pytest.raises(TemplateSyntaxError, match="pairs of link text and address"):
        render_template('{% breadcrumbs "Toolkit" %}')


CHECKBOX_FILTERS = {
    "none chosen": [("vision", mark_safe("1. Vision"), False), ("design", mark_safe("2. Design"), False)],
    "some chosen": [
        ("odt", mark_safe("OpenDocument text (ODT)"), True),
        ("ods", mark_safe("Sheets &amp; more"), False),
    ],
    "one option, chosen": [("hr", mark_safe('HR <span class="app-count">(12)</span>'), True)],
    "a value needing escapes": [('a"b&c', mark_safe("Quoted"), False)],
}


@pytest.mark.parametrize("options", CHECKBOX_FILTERS.values(), ids=CHECKBOX_FILTERS.keys())
def test_checkbox_filter_writes_what_govuk_checkboxes_writes(options):
    html = render_template('{% checkbox_filter "stage" legend options %}', legend="Stage <b>", options=options)
    from_the_macro = govuk.render(
        "checkboxes",
        {
            "name": "stage",
            "idPrefix": "filter-stage",
            "classes": "govuk-checkboxes--small",
            "fieldset": {"legend": {"text": "Stage <b>", "classes": "govuk-fieldset__legend--s"}},
            "items": [
                {"value": value, "html": label, "checked": checked, "id": f"filter-stage-{value}"}
                for value, label, checked in options
            ],
        },
    )
    assert canonical(html) == canonical(from_the_macro)
    assert html.count('type="checkbox"') == len(options) and html.count(" checked") == sum(c for *_, c in options)


MULTI_LINE = mark_safe('<p class="govuk-body">First line</p>\n  <p class="govuk-body">Second &amp; last</p>\n')
FIXED_OPTION_CALLS = {
    "details with html summary": ('"details" summaryHtml=summary classes="app-x"', {"summaryHtml": "summary"}),
    "details with text summary": ('"details" summaryText="Change history" id="full-history"', {}),
    "button": ('"button" name="useful" value="no" classes="govuk-button--secondary"', {}),
    "notification banner": ('"notification-banner" titleText="History" titleId="history-title"', {}),
    "inset text": ('"inset-text" classes="app-no-print"', {}),
    "warning text": ('"warning-text" iconFallbackText="Warning"', {}),
}


@pytest.mark.parametrize("call, html_options", FIXED_OPTION_CALLS.values(), ids=FIXED_OPTION_CALLS.keys())
def test_govuk_call_with_fixed_options_writes_what_the_macro_writes_each_time(call, html_options):
    source = "{% govuk_call " + call + " %}{{ body }}{% endgovuk_call %}"
    node = Template("{% load govuk_tags %}" + source).nodelist[-1]
    fixed = dict(re.findall(r'(\w+)="([^"]*)"', call.split(" ", 1)[1]))
    for summary, body in ((mark_safe("Request <b>this</b>"), MULTI_LINE), (mark_safe("Other"), mark_safe("x"))):
        html = node.render(Context({"summary": summary, "body": body}))
        options = {**fixed, **dict.fromkeys(html_options, summary), "html": body}
        assert canonical(html) == canonical(govuk.render(call.split(" ")[0].strip('"'), options))
    assert node.skeleton, "the macro ran once, and later renders filled in its html"


def test_govuk_call_renders_through_the_macro_when_an_option_comes_from_the_context_or_the_body_is_empty():
    varying = Template('{% load govuk_tags %}{% govuk_call "details" summaryText=title %}x{% endgovuk_call %}')
    assert "Changes" in varying.render(Context({"title": "Changes"})) and varying.nodelist[-1].skeleton is None
    empty = Template('{% load govuk_tags %}{% govuk_call "inset-text" %}{{ body }}{% endgovuk_call %}')
    assert canonical(empty.render(Context({"body": ""}))) == canonical(
        govuk.render("inset-text", {"html": mark_safe("")})
    )


def test_a_skeleton_refuses_an_html_option_the_component_does_not_show_once():
    with pytest.raises(ValueError, match="does not show each of"):
        govuk.Skeleton("tag", {"text": "Draft"}, ["summaryHtml"])
    skeleton = govuk.Skeleton("inset-text", {}, ["html"])
    with pytest.raises(TypeError, match="must be safe HTML"):
        skeleton.fill({"html": "<b>unchecked</b>"})
