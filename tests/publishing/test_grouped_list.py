"""GroupedList: a list ordered group by group, paged without sorting every row."""

import pytest
from django.db.models import prefetch_related_objects

from faq.models import Category, Question
from publishing.models import Status
from publishing.pagination import GroupedList, page_of
from tests.factories import make_category, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["small groups", "big groups"], autouse=True)
def group_size(request, monkeypatch):
    """Run each test with the groups read together (small) and each alone from its index (big)."""
    if request.param == "big groups":
        monkeypatch.setattr("publishing.pagination.SMALL_GROUP", 2)
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


@pytest.fixture(params=["sizes counted", "sizes kept"], autouse=True)
def sizes(request, monkeypatch):
    """Run each test with the groups' sizes counted from the rows, and read from those the database keeps
    (PostgreSQL; SQLite keeps none and counts either way)."""
    monkeypatch.setattr(f"{__name__}.EVERY_PUBLISHED", request.param == "sizes kept")


EVERY_PUBLISHED = False


def grouped():
    return GroupedList(
        Question.objects.published(),
        Category.objects.all(),
        group_field="category",
        order=("position", "title", "id"),
        every_published=EVERY_PUBLISHED,
    )


def test_rows_come_group_by_group_in_the_groups_order_then_in_each_groups_order(questions):
    assert [q.pk for q in grouped()[0:12]] == questions


@pytest.mark.parametrize("window", [slice(0, 5), slice(5, 10), slice(10, 15), slice(2, 3)])
def test_any_window_is_the_same_rows_as_the_whole_list_sliced(questions, window):
    assert [q.pk for q in grouped()[window]] == questions[window]


def test_count_is_every_readable_item_and_drafts_are_never_listed(questions):
    assert grouped().count() == len(questions) == 12


def test_each_row_carries_its_group_without_another_query(questions, group_size, django_assert_num_queries):
    # The categories, each category's count, then the rows: of the three categories together, or one by one.
    with django_assert_num_queries(3 if group_size == "small groups" else 5):
        rows = grouped()[0:12]
        titles = {row.category.title for row in rows}
    assert len(titles) == 3


def test_a_page_within_one_group_reads_only_that_group(questions, django_assert_num_queries):
    listing = grouped()
    listing.count()
    with django_assert_num_queries(1):
        rows = listing[4:7]  # the second category's second to fourth questions
    assert [q.pk for q in rows] == questions[4:7]


def test_what_the_rows_show_of_other_tables_is_read_once_for_the_whole_page(
    questions, group_size, django_assert_num_queries
):
    listing = GroupedList(
        Question.objects.published(),
        Category.objects.all(),
        group_field="category",
        order=("position", "title", "id"),
        then=lambda rows: prefetch_related_objects(rows, "topics") or rows,
    )
    listing.count()
    row_queries = 1 if group_size == "small groups" else 3
    with django_assert_num_queries(row_queries + 1):  # the rows, then all their topics at once
        rows = listing[0:12]
    with django_assert_num_queries(0):
        assert [list(row.topics.all()) for row in rows] == [[]] * 12


def test_page_of_a_grouped_list_pages_through_it(questions):
    second = page_of(grouped(), "2", 5, url_for=str)
    assert [q.pk for q in second.object_list] == questions[5:10]
    assert second.paginator.num_pages == 3


def test_one_group_reads_that_group_alone(questions):
    category = Category.objects.order_by("position").first()
    only_first = GroupedList(
        Question.objects.published(), [category], group_field="category", order=("position", "title", "id")
    )
    assert [q.pk for q in only_first[0:10]] == questions[:3]


def test_no_groups_is_an_empty_list(questions):
    assert GroupedList(Question.objects.published(), [], group_field="category", order=("id",))[0:10] == []


def test_a_page_reads_big_groups_alone_and_small_neighbours_together(django_assert_num_queries, monkeypatch):
    # Positions 1 to 4: big (4 items), small (1), small (2), big (3), with SMALL_GROUP at 2.
    monkeypatch.setattr("publishing.pagination.SMALL_GROUP", 2)
    sizes = [4, 1, 2, 3]
    made = []
    for position, size in enumerate(sizes, start=1):
        category = make_category(position=position)
        made += [make_question(category=category, position=n).pk for n in range(size)]
    listing = grouped()
    listing.count()
    with django_assert_num_queries(3):  # the first big group, the two small ones together, the last big group
        rows = listing[2:9]
    assert [q.pk for q in rows] == made[2:9]


def test_only_slices_with_an_end_are_accepted():
    with pytest.raises(TypeError):
        grouped()[3]
