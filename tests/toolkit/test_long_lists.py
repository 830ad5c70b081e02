"""Long toolkit lists stay bounded: the paged templates and worked-examples lists, and the first ten on
stage and example pages with links to the rest."""

import datetime
import html as html_lib
import itertools
import re

import pytest
from django.utils import timezone

from publishing.models import Status
from publishing.pagination import SHORTLIST_LENGTH
from tests.factories import make_example, make_guide, make_question, make_stage, make_template_file, publication
from tests.pagecheck import assert_reader_page_structure, card_links
from toolkit.models import Example, Template
from toolkit.selectors import EXAMPLES_PER_PAGE, TEMPLATES_PER_PAGE

pytestmark = pytest.mark.django_db

TEMPLATES = "/toolkit/templates/"
EXAMPLES = "/toolkit/examples/"

HIDDEN = [
    {"status": Status.DRAFT},
    {"status": Status.IN_REVIEW},
    {"status": Status.WITHDRAWN},
    {"status": Status.PUBLISHED, "publish_at": timezone.now() + datetime.timedelta(days=1)},
]
HIDDEN_IDS = ["draft", "in review", "withdrawn", "scheduled"]
_slugs = itertools.count(1)


def add_templates(
    stage, count, *, files=(), title="{stage} template {n:02}", status=Status.PUBLISHED, publish_at=None, **fields
):
    """`count` templates in `stage` (published unless told otherwise), each offering `files`."""
    templates = Template.objects.bulk_create(
        Template(
            stage=stage,
            title=title.format(stage=stage.title, n=n),
            slug=f"{stage.slug}-template-{next(_slugs)}",
            summary=f"Template {n}.",
            **publication(status, publish_at=publish_at),
            **fields,
        )
        for n in range(count)
    )
    Template.files.through.objects.bulk_create(
        Template.files.through(template_id=template.pk, templatefile_id=file.pk)
        for template in templates
        for file in files
    )
    return templates


def add_examples(stage, count, *, title="{stage} example {n:02}", status=Status.PUBLISHED, publish_at=None, **fields):
    """`count` worked examples in `stage`, published unless told otherwise."""
    return Example.objects.bulk_create(
        Example(
            stage=stage,
            title=title.format(stage=stage.title, n=n),
            slug=f"{stage.slug}-example-{next(_slugs)}",
            summary=f"Example {n}.",
            **publication(status, publish_at=publish_at),
            **fields,
        )
        for n in range(count)
    )


def urls(items):
    return [item.get_absolute_url() for item in items]


def template_links(html):
    """The addresses of the templates listed, in page order."""
    return re.findall(r'<li class="app-attachment">\s*<h\d [^>]*><a class="govuk-link" href="([^"]+)">', html)


def pagination_links(html, label):
    """Every address in the pagination nav with this label, or None when there is no such nav."""
    match = re.search(rf'<nav class="govuk-pagination" aria-label="{label}">(.*?)</nav>', html, re.S)
    return [html_lib.unescape(href) for href in re.findall(r'href="([^"]+)"', match.group(1))] if match else None


def link_to(html, text):
    match = re.search(rf'<a class="govuk-link" href="([^"]+)">{text}</a>', html)
    return html_lib.unescape(match.group(1)) if match else None


@pytest.fixture
def catalogue():
    """45 templates (three pages): 30 ODT templates in Vision, then 15 ODS templates in Design."""
    vision = make_stage("Vision", position=1, slug="vision")
    design = make_stage("Design", position=2, slug="design")
    # Made in the opposite order to the one they are listed in.
    design_templates = add_templates(design, 15, files=[make_template_file("ods")])
    vision_templates = add_templates(vision, 30, files=[make_template_file("odt")])
    return vision, design, urls(vision_templates + design_templates)


# The templates list, a page at a time


def test_template_pages_list_every_template_once_in_stage_order(client, html_of, catalogue):
    *_, in_order = catalogue
    pages = [template_links(html_of(client, f"{TEMPLATES}?page={number}")) for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [TEMPLATES_PER_PAGE, TEMPLATES_PER_PAGE, 5]
    assert pages[0] + pages[1] + pages[2] == in_order


def test_template_pages_say_which_templates_they_show(client, html_of, catalogue):
    assert "Showing 21 to 40 of 45 templates, page 2 of 3." in html_of(client, f"{TEMPLATES}?page=2")
    last = html_of(client, f"{TEMPLATES}?page=3")
    assert "45 templates</h2>" in last and "Showing 41 to 45 of 45 templates, page 3 of 3." in last


@pytest.mark.parametrize("page", ["1", "2", "3"])
def test_template_pages_are_well_formed_reader_pages(client, html_of, catalogue, page):
    assert_reader_page_structure(html_of(client, f"{TEMPLATES}?page={page}"), "Toolkit templates")


def test_template_page_links_keep_the_stage_and_format_filters(client, html_of, catalogue):
    *_, in_order = catalogue
    html = html_of(client, f"{TEMPLATES}?stage=vision&format=odt&page=2")
    assert template_links(html) == in_order[20:30]
    assert "30 templates match your filters" in html and "page 2 of 2." in html
    assert pagination_links(html, "Template pages") == [
        "/toolkit/templates/?stage=vision&format=odt",
        "/toolkit/templates/?stage=vision&format=odt",
        "/toolkit/templates/?stage=vision&format=odt&page=2",
    ]


def test_template_page_links_keep_every_chosen_stage(client, html_of, catalogue):
    html = html_of(client, f"{TEMPLATES}?stage=vision&stage=design")
    assert "/toolkit/templates/?stage=vision&stage=design&page=2" in pagination_links(html, "Template pages")


def test_template_page_links_drop_unknown_filter_values_and_other_params(client, html_of, catalogue):
    *_, in_order = catalogue
    query = "stage=vision&stage=no-such-stage&format=exe&format=odt&sort=%3Cscript%3E&utm_source=mail&page=2"
    html = html_of(client, f"{TEMPLATES}?{query}")
    assert template_links(html) == in_order[20:30]
    links = pagination_links(html, "Template pages")
    assert set(links) == {
        "/toolkit/templates/?stage=vision&format=odt",
        "/toolkit/templates/?stage=vision&format=odt&page=2",
    }
    assert "no-such-stage" not in html and "exe" not in "".join(links)
    assert "utm_source" not in html and "<script>" not in html


def test_filtered_templates_that_fit_on_one_page_have_no_pagination(client, html_of, catalogue):
    html = html_of(client, f"{TEMPLATES}?format=ods")
    assert len(template_links(html)) == 15
    assert pagination_links(html, "Template pages") is None and "Showing " not in html


def test_exactly_one_page_of_templates_has_no_pagination(client, html_of):
    add_templates(make_stage("Vision", position=1, slug="vision"), TEMPLATES_PER_PAGE)
    html = html_of(client, TEMPLATES)
    assert len(template_links(html)) == TEMPLATES_PER_PAGE
    assert "govuk-pagination" not in html and "Showing " not in html


@pytest.mark.parametrize("page", ["abc", "", "2.5", "%00"])
def test_template_page_number_that_is_not_a_whole_number_shows_the_first_page(client, html_of, catalogue, page):
    *_, in_order = catalogue
    html = html_of(client, f"{TEMPLATES}?stage=vision&page={page}")
    assert template_links(html) == in_order[:TEMPLATES_PER_PAGE]
    assert "page 1 of 2." in html


@pytest.mark.parametrize("page", ["3", "99999", "9" * 400])
def test_template_page_number_past_the_end_shows_the_last_page(client, html_of, catalogue, page):
    *_, in_order = catalogue
    html = html_of(client, f"{TEMPLATES}?stage=vision&page={page}")
    assert template_links(html) == in_order[20:30]
    assert "page 2 of 2." in html


def test_template_page_zero_shows_the_first_page_with_clean_links(client, html_of, catalogue):
    html = html_of(client, f"{TEMPLATES}?page=0")
    assert len(template_links(html)) == TEMPLATES_PER_PAGE
    assert "Showing 1 to 20 of 45 templates" in html
    assert set(pagination_links(html, "Template pages")) <= {TEMPLATES, f"{TEMPLATES}?page=2", f"{TEMPLATES}?page=3"}


@pytest.mark.parametrize("fields", HIDDEN, ids=HIDDEN_IDS)
def test_template_pages_never_list_or_count_templates_readers_cannot_see(client, html_of, fields):
    stage = make_stage("Vision", position=1, slug="vision")
    add_templates(stage, TEMPLATES_PER_PAGE)
    add_templates(stage, 3, title="Hidden template {n}", **fields)
    html = html_of(client, TEMPLATES)
    assert "Hidden template" not in html
    assert f"{TEMPLATES_PER_PAGE} templates</h2>" in html and "govuk-pagination" not in html


# The worked examples list


@pytest.fixture
def examples():
    """45 published worked examples (three pages): 30 in Vision, then 15 in Design, made in the other order."""
    vision = make_stage("Vision", position=1, slug="vision")
    design = make_stage("Design", position=2, slug="design")
    design_examples = add_examples(design, 15)
    vision_examples = add_examples(vision, 30)
    return vision, design, urls(vision_examples + design_examples)


def test_example_list_is_a_well_formed_reader_page_linked_from_the_toolkit(client, html_of, examples):
    html = html_of(client, EXAMPLES)
    assert_reader_page_structure(html, "Worked examples")
    assert '<a class="govuk-link" href="/toolkit/examples/">all worked examples</a>' in html_of(client, "/toolkit/")


def test_example_list_shows_every_published_example_in_stage_order_a_page_at_a_time(client, html_of, examples):
    *_, in_order = examples
    pages = [card_links(html_of(client, f"{EXAMPLES}?page={number}")) for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [EXAMPLES_PER_PAGE, EXAMPLES_PER_PAGE, 5]
    assert pages[0] + pages[1] + pages[2] == in_order


def test_example_list_says_which_examples_each_page_shows(client, html_of, examples):
    html = html_of(client, f"{EXAMPLES}?page=3")
    assert "45 worked examples</h2>" in html
    assert "Showing 41 to 45 of 45 examples, page 3 of 3." in html
    assert_reader_page_structure(html, "Worked examples")


def test_example_list_pagination_links_either_side(client, html_of, examples):
    html = html_of(client, f"{EXAMPLES}?page=2")
    assert 'href="/toolkit/examples/" rel="prev"' in html and 'href="/toolkit/examples/?page=3" rel="next"' in html
    assert set(pagination_links(html, "Example pages")) == {EXAMPLES, f"{EXAMPLES}?page=2", f"{EXAMPLES}?page=3"}


def test_example_list_stage_filter_shows_that_stage_only_and_keeps_it_in_page_links(client, html_of, examples):
    *_, in_order = examples
    html = html_of(client, f"{EXAMPLES}?stage=vision&page=2")
    assert card_links(html) == in_order[20:30]
    assert "30 worked examples</h2>" in html and "Vision stage</span>" in html
    assert pagination_links(html, "Example pages") == [
        "/toolkit/examples/?stage=vision",
        "/toolkit/examples/?stage=vision",
        "/toolkit/examples/?stage=vision&page=2",
    ]
    assert_reader_page_structure(html, "Worked examples")


def test_example_list_for_a_stage_that_fits_on_one_page_has_no_pagination(client, html_of, examples):
    *_, in_order = examples
    html = html_of(client, f"{EXAMPLES}?stage=design")
    assert card_links(html) == in_order[30:]
    assert pagination_links(html, "Example pages") is None and "Showing " not in html


@pytest.mark.parametrize("stage", ["no-such-stage", "", "%3Cscript%3E", "VISION"])
def test_example_list_ignores_an_unknown_stage(client, html_of, examples, stage):
    *_, in_order = examples
    html = html_of(client, f"{EXAMPLES}?stage={stage}&page=2")
    assert card_links(html) == in_order[20:40]
    assert "45 worked examples</h2>" in html and "<strong>Every stage</strong>" in html
    assert set(pagination_links(html, "Example pages")) == {EXAMPLES, f"{EXAMPLES}?page=2", f"{EXAMPLES}?page=3"}
    assert "no-such-stage" not in html and "<script>" not in html


def test_example_list_ignores_the_slug_of_an_unpublished_stage(client, html_of, examples):
    make_stage("Unfinished", position=3, slug="unfinished", status=Status.DRAFT)
    html = html_of(client, f"{EXAMPLES}?stage=unfinished")
    assert "45 worked examples</h2>" in html and "Unfinished" not in html


def test_example_list_page_links_carry_no_other_params(client, html_of, examples):
    html = html_of(client, f"{EXAMPLES}?stage=vision&utm_source=mail&q=%3Cb%3E&page=2")
    links = pagination_links(html, "Example pages")
    assert set(links) == {"/toolkit/examples/?stage=vision", "/toolkit/examples/?stage=vision&page=2"}
    assert "utm_source" not in html and "<b>" not in html


@pytest.mark.parametrize(("page", "shown"), [("abc", slice(0, 20)), ("1.5", slice(0, 20)), ("99999", slice(40, 45))])
def test_example_list_odd_page_numbers_show_the_first_or_last_page(client, html_of, examples, page, shown):
    *_, in_order = examples
    assert card_links(html_of(client, f"{EXAMPLES}?page={page}")) == in_order[shown]


def test_example_list_page_zero_shows_the_first_page_with_clean_links(client, html_of, examples):
    html = html_of(client, f"{EXAMPLES}?page=0")
    assert len(card_links(html)) == EXAMPLES_PER_PAGE
    assert set(pagination_links(html, "Example pages")) <= {EXAMPLES, f"{EXAMPLES}?page=2", f"{EXAMPLES}?page=3"}


@pytest.mark.parametrize("fields", HIDDEN, ids=HIDDEN_IDS)
def test_example_list_never_lists_or_counts_examples_readers_cannot_see(client, html_of, fields):
    stage = make_stage("Vision", position=1, slug="vision")
    add_examples(stage, EXAMPLES_PER_PAGE)
    add_examples(stage, 3, title="Hidden example {n}", **fields)
    for url in (EXAMPLES, f"{EXAMPLES}?stage=vision"):
        html = html_of(client, url)
        assert "Hidden example" not in html
        assert f"{EXAMPLES_PER_PAGE} worked examples</h2>" in html and "govuk-pagination" not in html


def test_example_list_never_lists_a_pending_draft_of_a_live_example(client, html_of):
    stage = make_stage("Vision", position=1, slug="vision")
    live = make_example("Live example", stage=stage)
    make_example("Pending edit of the example", stage=stage, slug=live.slug, status=Status.DRAFT, draft_of=live)
    html = html_of(client, EXAMPLES)
    assert card_links(html) == [live.get_absolute_url()] and "Pending edit" not in html


def test_empty_example_list_says_so(client, html_of):
    make_stage("Vision", position=1, slug="vision")
    assert "There are no published worked examples yet." in html_of(client, EXAMPLES)
    assert "There are no published worked examples for this stage yet." in html_of(client, f"{EXAMPLES}?stage=vision")


# Stage and example pages: the first ten, and links to the rest


def stage_templates(html):
    return template_links(html.split('id="stage-templates"', 1)[1].split("<h2", 1)[0])


def stage_examples(html):
    return card_links(html.split('id="stage-examples"', 1)[1].split('<div class="govuk-grid-column-one-third">', 1)[0])


def aside_list(html, heading_id):
    listed = html.split(f'aria-labelledby="{heading_id}"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<li><a class="govuk-link" href="([^"]+)">', listed)


@pytest.fixture
def vision():
    """The Vision stage, followed by Design."""
    stage = make_stage("Vision", position=1, slug="vision")
    make_stage("Design", position=2, slug="design")
    return stage


def test_stage_page_shows_its_first_ten_templates_and_links_to_all_of_them(client, html_of, vision):
    templates = add_templates(vision, SHORTLIST_LENGTH + 2)
    html = html_of(client, vision.get_absolute_url())
    assert_reader_page_structure(html, "Vision")
    assert stage_templates(html) == urls(templates[:SHORTLIST_LENGTH])
    assert link_to(html, "See all templates for this stage") == "/toolkit/templates/?stage=vision"


def test_following_a_stage_see_all_templates_link_lists_every_template_of_the_stage(client, html_of, vision):
    templates = add_templates(vision, SHORTLIST_LENGTH + 2)
    add_templates(make_stage("Transition", position=3, slug="transition"), 3)
    stage_html = html_of(client, vision.get_absolute_url())
    html = html_of(client, link_to(stage_html, "See all templates for this stage"))
    assert template_links(html) == urls(templates)
    assert template_links(html)[:SHORTLIST_LENGTH] == stage_templates(stage_html)


def test_stage_page_with_ten_templates_lists_them_all_without_a_see_all_link(client, html_of, vision):
    templates = add_templates(vision, SHORTLIST_LENGTH)
    add_templates(vision, 2, title="Draft template {n}", status=Status.DRAFT)
    html = html_of(client, vision.get_absolute_url())
    assert stage_templates(html) == urls(templates)
    assert "See all templates for this stage" not in html
    assert link_to(html, "See templates for every stage") == TEMPLATES


def test_stage_page_shows_its_first_ten_examples_and_links_to_all_of_them(client, html_of, vision):
    examples = add_examples(vision, SHORTLIST_LENGTH + 2)
    html = html_of(client, vision.get_absolute_url())
    assert stage_examples(html) == urls(examples[:SHORTLIST_LENGTH])
    assert link_to(html, "See all worked examples for this stage") == "/toolkit/examples/?stage=vision"


def test_following_a_stage_see_all_examples_link_lists_every_example_of_the_stage(client, html_of, vision):
    examples = add_examples(vision, SHORTLIST_LENGTH + 2)
    add_examples(make_stage("Transition", position=3, slug="transition"), 3)
    stage_html = html_of(client, vision.get_absolute_url())
    html = html_of(client, link_to(stage_html, "See all worked examples for this stage"))
    assert_reader_page_structure(html, "Worked examples")
    assert card_links(html) == urls(examples)
    assert card_links(html)[:SHORTLIST_LENGTH] == stage_examples(stage_html)


@pytest.mark.parametrize("fields", HIDDEN, ids=HIDDEN_IDS)
def test_stage_page_with_ten_examples_readers_can_see_has_no_see_all_link(client, html_of, vision, fields):
    examples = add_examples(vision, SHORTLIST_LENGTH)
    add_examples(vision, 2, title="Hidden example {n}", **fields)
    html = html_of(client, vision.get_absolute_url())
    assert stage_examples(html) == urls(examples)
    assert "Hidden example" not in html and "See all worked examples for this stage" not in html


def test_stage_page_with_few_templates_and_examples_has_no_see_all_links(client, html_of, vision):
    add_templates(vision, 2)
    add_examples(vision, 2)
    html = html_of(client, vision.get_absolute_url())
    assert "See all templates for this stage" not in html and "See all worked examples" not in html


def test_stage_page_lists_at_most_ten_related_questions_and_guides(client, html_of, vision):
    questions = [make_question(f"Question {n:02}?") for n in range(SHORTLIST_LENGTH + 2)]
    guides = [make_guide(f"Guide {n:02}") for n in range(SHORTLIST_LENGTH + 2)]
    hidden = make_question("A draft question?", status=Status.DRAFT)
    vision.related_questions.set([*questions, hidden])
    for guide in guides:
        guide.related_stages.set([vision])
    html = html_of(client, vision.get_absolute_url())
    assert aside_list(html, "related-questions-heading") == urls(questions[:SHORTLIST_LENGTH])
    assert aside_list(html, "related-guides-heading") == urls(guides[:SHORTLIST_LENGTH])


def test_example_page_shows_the_first_ten_templates_of_its_stage_and_links_to_all_of_them(client, html_of, vision):
    example = make_example("How we agreed a vision", stage=vision)
    templates = add_templates(vision, SHORTLIST_LENGTH + 1)
    html = html_of(client, example.get_absolute_url())
    assert_reader_page_structure(html, "How we agreed a vision")
    assert template_links(html) == urls(templates[:SHORTLIST_LENGTH])
    url = link_to(html, "See all templates for this stage")
    assert url == "/toolkit/templates/?stage=vision"
    assert template_links(html_of(client, url)) == urls(templates)


def test_example_page_with_ten_templates_in_its_stage_has_no_see_all_link(client, html_of, vision):
    example = make_example("How we agreed a vision", stage=vision)
    templates = add_templates(vision, SHORTLIST_LENGTH)
    add_templates(vision, 1, title="Withdrawn template {n}", status=Status.WITHDRAWN)
    html = html_of(client, example.get_absolute_url())
    assert template_links(html) == urls(templates)
    assert "See all templates for this stage" not in html and "Withdrawn template" not in html
