"""GroupedList: a list ordered group by group, paged without sorting every row, the same on every database."""

import pytest
from django.db import connection

from faq.models import Category, Question
from publishing.models import Status
from publishing.pagination import GroupedList, page_of
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["union", "one sorted query"])
def way(request, monkeypatch):
    """Both ways of reading a page: one UNION of per-group lists, and the single sorted query SQLite needs."""
    if request.param == "one sorted query":
        monkeypatch.setattr(connection.features, "supports_slicing_ordering_in_compound", False)
    elif not connection.features.supports_slicing_ordering_in_compound:
        pytest.skip("this database cannot limit each part of a UNION")
    return request.param


@pytest.fixture
def questions():
    """Three categories (positions 3, 1, 2) holding 4, 3 and 5 questions, made out of order."""
    last, first, middle = make_category(position=3), make_category(position=1), make_category(position=2)
    made = {}
    for category, count in ((last, 4), (first, 3), (middle, 5)):
        made[category.pk] = [make_question(category=category, position=9 - n, title=f"Q {n}") for n in range(count)]
    make_question(category=first, status=Status.DRAFT, position=0)
    in_order = [q.pk for c in (first, middle, last) for q in sorted(made[c.pk], key=lambda q: q.position)]
    return in_order


def grouped():
    return GroupedList(
        Question.objects.published(), Category.objects.all(), group_field="category", order=("position", "title", "id")
    )


def test_rows_come_group_by_group_in_the_groups_order_then_in_each_groups_order(way, questions):
    assert [q.pk for q in grouped()[0:12]] == questions


@pytest.mark.parametrize("window", [slice(0, 5), slice(5, 10), slice(10, 15), slice(2, 3)])
def test_any_window_is_the_same_rows_as_the_whole_list_sliced(way, questions, window):
    assert [q.pk for q in grouped()[window]] == questions[window]


def test_count_is_every_readable_item_and_drafts_are_never_listed(way, questions):
    assert grouped().count() == len(questions) == 12


def test_each_row_carries_its_group_without_another_query(way, questions, django_assert_num_queries):
    with django_assert_num_queries(2):  # the categories, then the rows
        rows = grouped()[0:12]
        titles = {row.category.title for row in rows}
    assert len(titles) == 3


def test_page_of_a_grouped_list_pages_through_it(way, questions):
    second = page_of(grouped(), "2", 5, url_for=str)
    assert [q.pk for q in second.object_list] == questions[5:10]
    assert second.paginator.num_pages == 3


def test_one_group_reads_that_group_alone(way, questions):
    category = Category.objects.order_by("position").first()
    only_first = GroupedList(
        Question.objects.published(), [category], group_field="category", order=("position", "title", "id")
    )
    assert [q.pk for q in only_first[0:10]] == questions[:3]


def test_no_groups_is_an_empty_list(way, questions):
    assert GroupedList(Question.objects.published(), [], group_field="category", order=("id",))[0:10] == []


def test_only_slices_with_an_end_are_accepted():
    with pytest.raises(TypeError):
        grouped()[3]
