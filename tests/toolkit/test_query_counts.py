"""Every toolkit page runs a small, fixed number of queries, however much content there is."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import Category, Question
from publishing.models import Status, Topic
from tests.toolkit.factories import make_example, make_file, make_stage
from toolkit.models import Template
from toolkit.selectors import TEMPLATES_PER_PAGE

pytestmark = pytest.mark.django_db


def build_toolkit(template_count):
    """Six published stages with related questions and topics, template_count templates and an example each."""
    now = timezone.now() - datetime.timedelta(hours=1)
    topic = Topic.objects.create(title="Finance", slug="finance")
    category = Category.objects.create(title="Money", slug="money")
    questions = [
        Question.objects.create(
            title=f"Question {n}?", slug=f"question-{n}", summary="An answer.", category=category,
            status=Status.PUBLISHED, publish_at=now,
        )
        for n in range(3)
    ]  # fmt: skip
    stages = [make_stage(position, f"Stage {position}", slug=f"stage-{position}") for position in range(1, 7)]
    for stage in stages:
        stage.related_questions.set(questions)
        stage.topics.set([topic])
        make_example(stage)
    files = [make_file("odt"), make_file("docx"), make_file("ods"), make_file("xlsx")]
    templates = Template.objects.bulk_create(
        Template(
            title=f"Template {n}", slug=f"template-{n}", summary=f"Template number {n}.", stage=stages[n % 6],
            status=Status.PUBLISHED, publish_at=now, first_published_at=now, last_major_change_at=now,
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
        (stages[2].get_absolute_url(), 10),
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
