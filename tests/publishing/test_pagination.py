"""The paging helpers: page links, a page of a list whatever page number is asked for, and shortlists."""

import datetime

import pytest
from django.db import connection
from django.db.models import F, Value
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from faq.models import Question
from guidance.models import Guide
from publishing.pagination import (
    SHORTLIST_LENGTH,
    CompiledShortlists,
    page_of,
    page_url,
    pagination_for,
    shortlist,
    shortlists,
)
from tests.factories import make_guide, make_questions, make_topic

pytestmark = pytest.mark.django_db


def test_page_url_has_no_page_number_for_the_first_page():
    assert page_url("/faq/", [], 1) == "/faq/"
    assert page_url("/toolkit/templates/", [("stage", "vision")], 1) == "/toolkit/templates/?stage=vision"


def test_page_url_keeps_the_given_params_in_order_and_adds_the_page_after_them():
    url = page_url("/toolkit/templates/", [("stage", "vision"), ("stage", "design"), ("format", "odt")], 3)
    assert url == "/toolkit/templates/?stage=vision&stage=design&format=odt&page=3"


def test_page_url_encodes_param_values():
    assert page_url("/x/", [("stage", "a b&c")], 2) == "/x/?stage=a+b%26c&page=2"


def test_pagination_for_a_single_page_has_no_links():
    pagination = pagination_for(1, 1, lambda number: f"/p{number}")
    assert (pagination.items, pagination.previous_url, pagination.next_url) == ([], "", "")


def test_pagination_for_a_middle_page_links_both_ways_and_marks_the_current_page():
    pagination = pagination_for(2, 3, lambda number: f"/p{number}")
    assert pagination.previous_url == "/p1" and pagination.next_url == "/p3"
    assert pagination.items == [
        {"number": 1, "url": "/p1", "current": False},
        {"number": 2, "url": "/p2", "current": True},
        {"number": 3, "url": "/p3", "current": False},
    ]


def test_pagination_for_the_first_and_last_pages_link_only_onwards_and_back():
    first = pagination_for(1, 3, lambda number: f"/p{number}")
    last = pagination_for(3, 3, lambda number: f"/p{number}")
    assert (first.previous_url, first.next_url) == ("", "/p2")
    assert (last.previous_url, last.next_url) == ("/p2", "")


def test_page_of_a_queryset_holds_that_page_of_rows_and_its_links():
    questions = make_questions(25)
    page = page_of(Question.objects.order_by("position"), "2", 10, url_for=lambda number: f"/p{number}")
    assert [question.pk for question in page.object_list] == [question.pk for question in questions[10:20]]
    assert page.pagination.previous_url == "/p1" and page.pagination.next_url == "/p3"


@pytest.mark.parametrize("requested", ["abc", "", None, "2.5", "1e1", "%00"])
def test_page_of_takes_a_page_number_that_is_not_a_whole_number_as_the_first_page(requested):
    page = page_of(list(range(25)), requested, 10, url_for=str)
    assert page.number == 1 and list(page.object_list) == list(range(10))


@pytest.mark.parametrize("requested", ["4", "99999", "9" * 400])
def test_page_of_takes_a_page_number_past_the_end_as_the_last_page(requested):
    page = page_of(list(range(25)), requested, 10, url_for=str)
    assert page.number == 3 and list(page.object_list) == [20, 21, 22, 23, 24]


def test_page_of_an_empty_list_is_one_empty_page_without_links():
    page = page_of([], "3", 10, url_for=str)
    assert page.number == 1 and list(page.object_list) == []
    assert page.pagination.items == []


def test_shortlist_of_more_than_the_limit_shows_the_first_few_and_says_there_are_more(django_assert_num_queries):
    questions = make_questions(SHORTLIST_LENGTH + 1)
    with django_assert_num_queries(1):
        listed = shortlist(Question.objects.order_by("position"), SHORTLIST_LENGTH)
    assert [question.pk for question in listed] == [question.pk for question in questions[:SHORTLIST_LENGTH]]
    assert len(listed) == SHORTLIST_LENGTH and listed.more


def test_shortlist_of_exactly_the_limit_shows_them_all_and_says_there_are_no_more():
    make_questions(SHORTLIST_LENGTH)
    listed = shortlist(Question.objects.all(), SHORTLIST_LENGTH)
    assert len(listed) == SHORTLIST_LENGTH and not listed.more


def test_empty_shortlist_is_false():
    listed = shortlist(Question.objects.none(), SHORTLIST_LENGTH)
    assert not listed and not listed.more and list(listed) == []


def test_shortlists_read_the_first_few_of_each_list_in_one_query(django_assert_num_queries):
    # SQLite cannot limit each part of a UNION, so there it reads each list that can hold anything alone.
    queries = 1 if connection.features.supports_slicing_ordering_in_compound else 3
    many = make_questions(SHORTLIST_LENGTH + 2, title="Many {n:03}?")
    few = make_questions(2, title="Few {n:03}?")
    guides = [make_guide(f"Guide {letter}") for letter in "CAB"]
    lists = [
        Question.objects.filter(category=many[0].category),
        Guide.objects.all(),
        Question.objects.filter(category=few[0].category),
        Question.objects.none(),
    ]
    with django_assert_num_queries(queries):
        listed = shortlists(lists, SHORTLIST_LENGTH, fields=("id", "title", "slug"), order=("title", "id"))
    assert [[item.title for item in each] for each in listed] == [
        [question.title for question in many[:SHORTLIST_LENGTH]],
        ["Guide A", "Guide B", "Guide C"],
        ["Few 000?", "Few 001?"],
        [],
    ]
    assert [each.more for each in listed] == [True, False, False, False]
    guide = listed[1].items[0]
    assert isinstance(guide, Guide) and guide.get_absolute_url() == guides[1].get_absolute_url()


def test_shortlists_items_hold_only_the_fields_read_and_fetch_no_others_unasked(django_assert_num_queries):
    question = make_questions(1)[0]
    [[listed]] = shortlists([Question.objects.all()], 5, fields=("id", "title", "slug"), order=("id",))
    assert listed.get_deferred_fields() >= {"body", "body_html", "summary"}
    with django_assert_num_queries(0):
        assert (listed.pk, listed.title, listed.slug) == (question.pk, question.title, question.slug)


def pk(item):
    return item.pk


def test_shortlists_keep_each_lists_own_order_when_ranked():
    by_position = make_questions(3, title="Ranked {n:03}?")  # positions 0, 1, 2
    for question, position in zip(by_position, [2, 0, 1], strict=True):
        Question.objects.filter(pk=question.pk).update(position=position)
    guides = [make_guide(f"Guide {letter}") for letter in "BA"]
    questions, by_title = shortlists(
        [Question.objects.filter(category=by_position[0].category), Guide.objects.filter(pk__in=[*map(pk, guides)])],
        SHORTLIST_LENGTH,
        fields=("id", "title", "slug"),
        order=("title", "id"),
        ranks=[(F("position"),), (Value(0),)],
    )
    assert [question.title for question in questions] == ["Ranked 001?", "Ranked 002?", "Ranked 000?"]
    assert [guide.title for guide in by_title] == ["Guide A", "Guide B"]


def on_topic(topic, now):
    return [
        Question.objects.published(now).filter(topics=topic).order_by("title", "id"),
        Guide.objects.published(now).filter(topics=topic).order_by("title", "id"),
    ]


def titles(lists):
    return [[item.title for item in each] for each in lists]


def test_compiled_shortlists_list_what_shortlists_lists_for_each_owner_and_time(django_assert_num_queries):
    hr, finance = make_topic("HR"), make_topic("Finance")
    make_questions(SHORTLIST_LENGTH + 1, title="HR question {n:03}?", topics=[hr])
    make_guide("Finance guide", topics=[finance])
    later = timezone.now() + datetime.timedelta(days=2)
    make_guide("Scheduled HR guide", topics=[hr], publish_at=timezone.now() + datetime.timedelta(days=1))
    compiled = CompiledShortlists(on_topic, SHORTLIST_LENGTH, fields=("id", "title", "slug"), order=("title", "id"))
    for topic, now in ((hr, None), (finance, None), (hr, later)):
        expected = shortlists(
            on_topic(topic, now), SHORTLIST_LENGTH, fields=("id", "title", "slug"), order=("title", "id")
        )
        queries = 1 if connection.features.supports_slicing_ordering_in_compound else 2
        with django_assert_num_queries(queries):
            listed = compiled(topic, now)
        assert titles(listed) == titles(expected) and [each.more for each in listed] == [e.more for e in expected]
    assert titles(compiled(hr, later))[1] == ["Scheduled HR guide"]
    assert titles(compiled(hr))[1] == []


@pytest.mark.skipif(not connection.features.supports_slicing_ordering_in_compound, reason="compiled only on PostgreSQL")
def test_compiled_shortlists_compile_once_per_shape_and_refuse_a_value_written_into_the_sql():
    hr = make_topic("HR")
    shapes = iter(["one", "one", "two"])
    built = []

    def build(topic, now):
        built.append(topic.pk)
        return on_topic(topic, now)

    compiled = CompiledShortlists(build, 3, fields=("id", "title"), order=("title", "id"), shape=lambda: next(shapes))
    compiled(hr), compiled(hr), compiled(hr)
    assert len(built) == 2, "built again only when the shape changed"

    def inlining(topic, now):  # writes the id into the SQL text, on purpose
        return [Question.objects.extra(where=[f"id <> {topic.pk}"]), Guide.objects.all()]  # noqa: S610

    inlined = CompiledShortlists(
        inlining,
        3,
        fields=("id", "title"),
        order=("title", "id"),
    )
    with pytest.raises(ValueError, match="stand-in value was written into the SQL"):
        inlined(hr)
    forgetting_now = CompiledShortlists(
        lambda topic, now: [Question.objects.published().filter(topics=topic), Guide.objects.all()],
        3,
        fields=("id", "title"),
        order=("title", "id"),
    )
    with pytest.raises(ValueError, match="a time other than the `now` it was built with"):
        forgetting_now(hr)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_compiled_shortlists_are_planned_once_per_connection_and_stay_right_for_every_owner():
    # The statement is prepared once and always run on its one generic plan (sharedservices.config.PLANNED_ONCE):
    # every owner and time must still get its own items, and no call may prepare or plan it again.
    hr, finance = make_topic("HR"), make_topic("Finance")
    make_guide("HR guide", topics=[hr])
    make_guide("Finance guide", topics=[finance])
    make_guide("Scheduled HR guide", topics=[hr], publish_at=timezone.now() + datetime.timedelta(days=1))
    later = timezone.now() + datetime.timedelta(days=2)
    compiled = CompiledShortlists(on_topic, SHORTLIST_LENGTH, fields=("id", "title", "slug"), order=("title", "id"))
    with CaptureQueriesContext(connection) as logged:
        compiled(hr)
    assert '"list_index"' in logged.captured_queries[0]["sql"], "logged with its text, like any other query"
    for _ in range(8):
        assert titles(compiled(hr))[1] == ["HR guide"]
        assert titles(compiled(finance))[1] == ["Finance guide"]
        assert titles(compiled(hr, later))[1] == ["HR guide", "Scheduled HR guide"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        prepared = [
            (generic, custom) for statement, generic, custom in cursor.fetchall() if '"list_index"' in statement
        ]
    assert prepared == [(25, 0)], "one statement, run 25 times on the plan made once"
