"""Every toolkit page runs a small, fixed number of queries, however much content there is."""

import pytest
from django.urls import reverse

from tests.factories import (
    make_category,
    make_example,
    make_question,
    make_stage,
    make_template_file,
    make_topic,
    publication,
)
from tests.query_counts import lists_at_once
from toolkit.models import Template
from toolkit.selectors import TEMPLATES_PER_PAGE

pytestmark = pytest.mark.django_db


def build_toolkit(template_count):
    """Six published stages with related questions and topics, template_count templates and an example each."""
    topic = make_topic("Finance")
    category = make_category("Money")
    questions = [make_question(f"Question {n}?", category=category) for n in range(3)]
    stages = [
        make_stage(f"Stage {position}", position=position, slug=f"stage-{position}", topics=[topic])
        for position in range(1, 7)
    ]
    for stage in stages:
        stage.related_questions.set(questions)
        make_example(stage=stage)
    files = [make_template_file(file_format) for file_format in ("odt", "docx", "ods", "xlsx")]
    templates = Template.objects.bulk_create(
        Template(
            title=f"Template {n}", slug=f"template-{n}", summary=f"Template number {n}.", stage=stages[n % 6],
            **publication(),
        )
        for n in range(template_count)
    )  # fmt: skip
    Template.files.through.objects.bulk_create(
        Template.files.through(template_id=t.pk, templatefile_id=f.pk)
        for n, t in enumerate(templates)
        for f in (files[:2] if n % 2 else files[2:])
    )
    Template.topics.through.objects.bulk_create(
        Template.topics.through(template_id=t.pk, topic_id=topic.pk) for t in templates
    )
    return stages, templates


@pytest.mark.parametrize("template_count", [10, 300])
def test_toolkit_pages_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, template_count):
    stages, templates = build_toolkit(template_count)
    # (page, most queries it may run): the same bound holds for 10 and for 300 templates.
    pages = [
        (reverse("toolkit:index"), 2),
        # the stage, the path, its templates and their files, its other lists at once, topics, change history
        (stages[2].get_absolute_url(), 6 + lists_at_once(3)),
        (reverse("toolkit:templates"), 4),
        (reverse("toolkit:templates") + "?format=odt&stage=stage-1&stage=stage-2", 4),
        (templates[-1].get_absolute_url(), 6),
        (stages[0].examples.get().get_absolute_url(), 6),
        (reverse("toolkit:download", args=[templates[0].slug, "ods"]), 3),
    ]
    for url, most in pages:
        with django_assert_max_num_queries(most):
            response = client.get(url)
        assert response.status_code == 200, url


def test_template_list_counts_all_300_templates_and_shows_them_a_page_at_a_time(client):
    build_toolkit(300)
    html = client.get(reverse("toolkit:templates")).content.decode()
    assert "300 templates" in html
    assert html.count("Request an accessible format<") == TEMPLATES_PER_PAGE
    last_page = client.get(reverse("toolkit:templates"), {"page": 15}).content.decode()
    assert "Showing 281 to 300 of 300 templates, page 15 of 15." in last_page
