"""Querysets compiled once per process (publishing.compiled): the same rows as the queryset itself, for any values."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from faq.models import Question
from publishing.compiled import CompiledQuerySet, QueryShape
from publishing.models import Status
from publishing.selectors import readable_item_or_redirect
from tests.factories import make_category, make_change_note, make_guide, make_question, make_topic

pytestmark = pytest.mark.django_db

compiled_only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="compiled (and prepared) only on PostgreSQL"
)


def published_in_category(_, category_id, now):
    return Question.objects.published(now).filter(category_id=category_id).select_related("category").order_by("title")


def test_a_compiled_queryset_lists_what_the_queryset_lists_for_each_value_and_time():
    money, people = make_category("Money"), make_category("People")
    make_question("How are invoices paid?", category=money)
    make_question("Who runs payroll?", category=people)
    make_question("When is the budget set?", category=money, publish_at=timezone.now() + datetime.timedelta(days=1))
    later = timezone.now() + datetime.timedelta(days=2)
    compiled = CompiledQuerySet(published_in_category)
    for category, now in ((money, timezone.now()), (people, timezone.now()), (money, later), (money, timezone.now())):
        listed = compiled("in category", category_id=category.pk, now=now)
        expected = list(published_in_category(None, category.pk, now))
        assert [(q.pk, q.title, q.category.title) for q in listed] == [
            (q.pk, q.title, q.category.title) for q in expected
        ]
    assert [q.title for q in compiled("in category", category_id=money.pk, now=later)] == [
        "How are invoices paid?",
        "When is the budget set?",
    ]


def test_a_compiled_querysets_rows_are_whole_items_with_their_related_rows_and_no_further_query(
    django_assert_num_queries,
):
    money = make_category("Money")
    asked = make_question("How are invoices paid?", category=money, body="Monthly, **in arrears**.")
    compiled = CompiledQuerySet(published_in_category)
    compiled("in category", category_id=money.pk, now=timezone.now())
    with django_assert_num_queries(1):
        [question] = compiled("in category", category_id=money.pk, now=timezone.now())
        assert question.category.title == "Money", "the related row came with it"
        assert question.publish_at == asked.publish_at and question.publish_at.tzinfo is not None
        assert "<strong>in arrears</strong>" in question.body_html and question.is_published_now
    question.title = "How are invoices paid to suppliers?"
    question.save()  # an item read this way is an ordinary saved row
    assert Question.objects.get(pk=asked.pk).title == "How are invoices paid to suppliers?"


@compiled_only_on_postgresql
def test_a_compiled_queryset_is_built_once_per_shape_and_refuses_a_value_it_cannot_replace():
    money = make_category("Money")
    built = []

    def build(shape, category_id, now):
        built.append(shape)
        return published_in_category(shape, category_id, now)

    compiled = CompiledQuerySet(build)
    for shape in ("one", "one", "two", "one"):
        compiled(shape, category_id=money.pk, now=timezone.now())
    assert built == ["one", "one", "two", "two"], "each shape built once to compile, and once for its first call"
    inlining = CompiledQuerySet(lambda _, category_id: Question.objects.extra(where=[f"category_id = {category_id}"]))  # noqa: S610
    with pytest.raises(ValueError, match="category_id: written into the SQL or not used"):
        inlining("inlined", category_id=money.pk)
    forgetting_now = CompiledQuerySet(
        lambda _, category_id: Question.objects.published().filter(category_id=category_id)
    )
    with pytest.raises(ValueError, match="a time other than the values it was built with"):
        forgetting_now("no now", category_id=money.pk)
    with pytest.raises(TypeError, match="a yes/no value changes a query's shape"):
        CompiledQuerySet(lambda _, flag: Question.objects.filter(awaiting_go_live=flag))("flag", flag=True)


@compiled_only_on_postgresql
def test_a_compiled_queryset_is_prepared_once_and_logged_with_its_text():
    money, people = make_category("Money"), make_category("People")
    make_question("How are invoices paid?", category=money)
    make_question("Who runs payroll?", category=people)
    compiled = CompiledQuerySet(published_in_category)
    with CaptureQueriesContext(connection) as logged:
        compiled("in category", category_id=money.pk, now=timezone.now())
    assert '"faq_question"' in logged.captured_queries[-1]["sql"]
    for _ in range(6):
        assert [q.title for q in compiled("in category", category_id=money.pk, now=timezone.now())] == [
            "How are invoices paid?"
        ]
        assert [q.title for q in compiled("in category", category_id=people.pk, now=timezone.now())] == [
            "Who runs payroll?"
        ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        runs = [
            (generic, custom)
            for statement, generic, custom in cursor.fetchall()
            if '"faq_question"."category_id" = $' in statement
        ]
    assert runs == [(13, 0)], "one statement, planned once for every category and time"


def test_query_shapes_are_equal_when_they_read_the_same_related_rows_and_absent_when_they_filter():
    assert QueryShape(Question.objects.select_related("category")) == QueryShape(
        Question.objects.select_related("category")
    )
    assert QueryShape(Question.objects.all()) != QueryShape(Question.objects.select_related("category"))
    assert QueryShape(Question.objects.filter(title="x")).key is None
    assert QueryShape(Question.objects.order_by("title")).key is None


def test_an_item_found_by_its_slug_is_the_reachable_one_at_the_time_asked(django_assert_max_num_queries):
    make_question("How are invoices paid?", slug="invoices")
    make_question("Who runs payroll?", slug="payroll", status=Status.DRAFT)
    for _ in range(2):  # compiled on the first call, run from its SQL on the second
        item, moved_to = readable_item_or_redirect(Question.objects.select_related("category"), "invoices")
        assert (item.title, moved_to) == ("How are invoices paid?", None)
        with django_assert_max_num_queries(0):
            assert item.category.title
    with pytest.raises(Http404):
        readable_item_or_redirect(Question.objects.select_related("category"), "payroll")


def test_a_pages_topics_and_change_history_come_in_order_and_from_a_prefetch_when_there_is_one(
    django_assert_num_queries,
):
    hr, finance = make_topic("HR", position=2), make_topic("Finance", position=1)
    guide = make_guide("Running payroll together", topics=[hr, finance])
    other = make_guide("Buying together", topics=[hr])
    make_change_note(guide, "Added the payroll calendar.", days_ago=3)
    make_change_note(guide, "Corrected the cut-off day.", days_ago=1)
    make_change_note(other, "First published.", days_ago=2)
    for _ in range(2):
        assert [topic.title for topic in guide.topic_list()] == ["Finance", "HR"]
        assert [topic.title for topic in other.topic_list()] == ["HR"]
        assert [note.note for note in guide.public_change_history()] == [
            "Corrected the cut-off day.",
            "Added the payroll calendar.",
        ]
    prefetched = type(guide).objects.prefetch_related("topics").get(pk=guide.pk)
    with django_assert_num_queries(0):
        assert [topic.title for topic in prefetched.topic_list()] == ["Finance", "HR"]


def test_a_value_of_none_is_looked_up_as_django_would_rather_than_compared_with_null():
    money = make_category("Money")
    make_question("How are invoices paid?", category=money)
    compiled = CompiledQuerySet(lambda _, category_id: Question.objects.filter(category_id=category_id))
    assert [q.title for q in compiled("in category", category_id=money.pk)] == ["How are invoices paid?"]
    assert compiled("in category", category_id=None) == []
    make_guide("Filed under no topic")
    make_topic("HR")  # a topic no question is filed under
    unsaved = Question(title="Not saved yet")
    assert unsaved.topic_list() == [] and list(unsaved.public_change_history()) == []
