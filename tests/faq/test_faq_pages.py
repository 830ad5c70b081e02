import pytest
from django.urls import reverse

from faq.views import QUESTIONS_PER_PAGE
from publishing.models import Status
from tests.factories import make_category, make_question, make_questions
from tests.pagecheck import assert_reader_page_structure
from tests.query_counts import lists_at_once

pytestmark = pytest.mark.django_db


def test_faq_index_groups_questions_by_category_in_editor_order(client):
    later = make_category(title="Later category", slug="later", position=2)
    first = make_category(title="First category", slug="first", position=1)
    make_question(title="Second in first?", category=first, position=2)
    make_question(title="First in first?", category=first, position=1)
    make_question(title="Only in later?", category=later, position=1)
    html = client.get(reverse("faq:index")).content.decode()
    assert_reader_page_structure(html, title_prefix="Frequently asked questions")
    order = [html.index(text) for text in ("First in first?", "Second in first?", "Only in later?")]
    assert order == sorted(order)
    assert '<a class="govuk-link" href="#first">First category</a>' in html


def test_category_without_published_questions_is_not_listed(client):
    empty = make_category(title="Nothing published here", slug="empty")
    make_question(status=Status.DRAFT, category=empty)
    assert "Nothing published here" not in client.get(reverse("faq:index")).content.decode()


def test_question_page_shows_answer_date_related_and_category_breadcrumb(client):
    category = make_category(title="Benefits and savings", slug="benefits")
    question = make_question(
        title="How much can we save?", body="## Figures\n\nBetween 20% and 40%.", category=category
    )
    other = make_question(title="What are the benefits?")
    draft = make_question(title="Unpublished related?", status=Status.DRAFT)
    question.related.set([other, draft])
    html = client.get(question.get_absolute_url()).content.decode()
    assert_reader_page_structure(html, title_prefix="How much can we save?")
    assert "Between 20% and 40%." in html
    assert "Last updated" in html
    assert 'href="/faq/#benefits">Benefits and savings</a>' in html
    assert "What are the benefits?" in html
    assert "Unpublished related?" not in html


@pytest.mark.parametrize("count", [10, 500])
def test_faq_index_query_count_does_not_grow_with_questions(client, django_assert_max_num_queries, count):
    for _ in range(5):
        make_questions(count // 5, category=make_category())
    with django_assert_max_num_queries(3):
        response = client.get(reverse("faq:index"))
    assert response.content.decode().count('class="app-card-list__item"') == min(count, QUESTIONS_PER_PAGE)


@pytest.mark.parametrize("count", [10, 500])
def test_question_page_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    question = make_question()
    others = [make_question() for _ in range(count // 50)]
    question.related.set(others)
    # the question, its related lists at once, the FAQ page it is listed on (categories, their sizes),
    # topics and change history
    with django_assert_max_num_queries(5 + lists_at_once(3)):
        assert client.get(question.get_absolute_url()).status_code == 200
