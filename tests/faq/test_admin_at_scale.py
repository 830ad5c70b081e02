"""The editors' lists and forms stay quick however much content there is."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from faq.models import Question
from tests.factories import make_publisher, make_questions

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [10, 10_000])
def test_question_change_list_and_form_use_a_fixed_number_of_queries(count, django_assert_max_num_queries):
    make_questions(count, title="Bulk question {n}?")
    client = Client()
    client.force_login(make_publisher())
    with django_assert_max_num_queries(20):
        response = client.get("/admin/faq/question/", {"queue": "review"})
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        response = client.get("/admin/faq/question/")
    assert response.status_code == 200
    item = Question.objects.first()
    with django_assert_max_num_queries(25):
        response = client.get(f"/admin/faq/question/{item.pk}/change/")
    assert response.status_code == 200
    # Related questions are chosen by typing, not from a list of every question.
    assert response.content.decode().count("<option") < 100


def test_change_list_shows_the_most_recently_changed_first_from_an_index():
    make_questions(30, title="Bulk question {n}?")
    changed = list(Question.objects.order_by("pk")[5:8])
    for minutes_ago, question in enumerate(changed):
        Question.objects.filter(pk=question.pk).update(
            updated_at=timezone.now() + datetime.timedelta(minutes=10 - minutes_ago)
        )
    client = Client()
    client.force_login(make_publisher())
    html = client.get("/admin/faq/question/").content.decode()
    positions = [html.index(f"/admin/faq/question/{question.pk}/change/") for question in changed]
    assert positions == sorted(positions)
    assert html.index(f"/admin/faq/question/{changed[-1].pk}/change/") < html.index("Bulk question 0?")
    indexed = {index.name for index in Question._meta.indexes}
    assert {"faq_question_updated_idx", "faq_question_owner_idx"} <= indexed
