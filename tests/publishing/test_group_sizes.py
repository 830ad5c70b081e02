"""Group sizes kept by PostgreSQL: every write keeps each FAQ category's and toolkit stage's count of published
items exact, and a scheduled item is counted from its go-live time without any write."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from faq.models import Category, Question
from publishing.group_sizes import identifier, published_sizes
from publishing.models import Status
from publishing.workflow import item_publish, item_start_draft, item_submit_for_review, item_withdraw
from tests.factories import (
    make_category,
    make_editor,
    make_example,
    make_publisher,
    make_question,
    make_questions,
    make_stage,
    make_template,
)
from toolkit.models import Example, Template
from toolkit.selectors import in_stage_order

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the counts are kept by PostgreSQL triggers"
)


def counted(model, group_field, now=None):
    """Each group's published items, counted from the rows."""
    rows = model.objects.published(now).values_list(f"{group_field}_id", flat=True)
    return dict(Counter(rows))


def kept(model, group_field, groups, now=None):
    sizes = published_sizes(model.objects.published(now), group_field, groups, now)
    return {group: size for group, size in sizes.items() if size}


def assert_kept_questions_are_counted(now=None):
    assert kept(Question, "category", Category.objects.all(), now) == counted(Question, "category", now)


@pytest.fixture
def categories():
    return make_category(), make_category()


@postgres_only
def test_creating_publishing_and_deleting_questions_keeps_each_categorys_size(categories):
    first, second = categories
    make_questions(5, category=first)
    drafted = make_question(category=first, status=Status.DRAFT)
    make_question(category=second)
    assert_kept_questions_are_counted()
    assert kept(Question, "category", categories) == {first.pk: 5, second.pk: 1}

    drafted.status = Status.PUBLISHED
    drafted.publish_at = timezone.now()
    drafted.save()
    Question.objects.filter(category=first).first().delete()
    assert_kept_questions_are_counted()
    assert kept(Question, "category", categories) == {first.pk: 5, second.pk: 1}


@postgres_only
def test_moving_a_question_and_updating_many_at_once_keeps_the_sizes(categories):
    first, second = categories
    make_questions(4, category=first)
    moved = Question.objects.filter(category=first).first()
    moved.category = second
    moved.save()
    assert kept(Question, "category", categories) == {first.pk: 3, second.pk: 1}

    Question.objects.filter(category=first).update(status=Status.WITHDRAWN)
    assert kept(Question, "category", categories) == {second.pk: 1}
    Question.objects.filter(category=first).update(status=Status.PUBLISHED)
    assert_kept_questions_are_counted()


@postgres_only
def test_an_editors_draft_of_a_live_question_is_not_counted_and_publishing_it_keeps_the_size(categories):
    first, _ = categories
    live = make_question(category=first)
    editor, publisher = make_editor(), make_publisher()
    draft = item_start_draft(live=live, user=editor)
    assert kept(Question, "category", categories) == {first.pk: 1}
    item_submit_for_review(item=draft, user=editor)
    item_publish(item=draft, user=publisher)
    assert kept(Question, "category", categories) == {first.pk: 1}
    item_withdraw(item=Question.objects.get(pk=live.pk), user=publisher, reason="Out of date.")
    assert kept(Question, "category", categories) == {}
    assert_kept_questions_are_counted()


@postgres_only
def test_a_scheduled_question_counts_from_its_go_live_time_without_a_write(categories):
    first, _ = categories
    make_questions(2, category=first)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    make_question(category=first, publish_at=go_live)
    assert kept(Question, "category", categories) == {first.pk: 2}
    later = go_live + datetime.timedelta(minutes=1)
    assert kept(Question, "category", categories, now=later) == {first.pk: 3}
    assert_kept_questions_are_counted(now=later)


@postgres_only
def test_toolkit_lists_keep_templates_and_examples_per_stage():
    vision, design = make_stage(), make_stage()
    make_template(stage=vision), make_template(stage=vision), make_template(stage=design, status=Status.DRAFT)
    make_example(stage=design)
    for model in (Template, Example):
        assert kept(model, "stage", [vision, design]) == counted(model, "stage")
    listed = in_stage_order(Template.objects.all(), [vision, design])
    assert listed.every_published and listed.count() == 2


def test_a_filtered_list_counts_its_rows_rather_than_reading_the_kept_sizes():
    listed = in_stage_order(Template.objects.filter(title__startswith="A"), [])
    assert not listed.every_published


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite keeps no sizes")
def test_where_no_sizes_are_kept_lists_count_their_rows(categories):
    make_questions(3, category=categories[0])
    assert published_sizes(Question.objects.published(), "category", categories) is None
    assert Question.objects.in_category_order(Category.objects.all()).count() == 3


def test_only_plain_names_are_written_into_the_trigger_sql():
    assert identifier("faq_question") == "faq_question"
    with pytest.raises(ValueError, match="not a plain table or column name"):
        identifier("faq_question; DROP TABLE x")
