"""Readers answer "Is this page useful?" and report problems, with and without JavaScript; what they type is
redacted before it is saved, and nothing but the page, the time and their words is kept."""

import re

import pytest
from django.urls import reverse

from feedback.models import Answer, Feedback
from feedback.redaction import EMAIL_REMOVED, PHONE_REMOVED
from tests.factories import make_guide, make_question

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}
INLINE = {**SAME_SITE, "HTTP_X_REQUESTED_WITH": "fetch"}


def answer(client, page, useful, **headers):
    return client.post(reverse("feedback:answer"), {"page": page, "useful": useful}, **{**SAME_SITE, **headers})


def report(client, page, went_wrong="The link to the template is broken.", **fields):
    data = {"page": page, "went_wrong": went_wrong, "doing": "", **fields}
    headers = {key: value for key, value in fields.items() if key.startswith("HTTP_")}
    for key in headers:
        data.pop(key)
    return client.post(reverse("feedback:report"), data, **{**SAME_SITE, **headers})


def test_every_reader_page_asks_whether_it_was_useful_with_a_form_the_same_for_every_reader(client):
    guide = make_guide("Joining a cluster")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Is this page useful?" in html and "Report a problem with this page" in html
    assert f'<input type="hidden" name="page" value="{guide.get_absolute_url()}">' in html
    assert "csrfmiddlewaretoken" not in html
    assert client.get(guide.get_absolute_url()).content.decode() == html


def test_a_yes_without_javascript_is_saved_and_thanked_on_a_page_of_its_own(client):
    guide = make_guide("Joining a cluster")
    response = answer(client, guide.get_absolute_url(), "yes")
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert "Thank you for your feedback" in thanks.content.decode()
    saved = Feedback.objects.get()
    assert (saved.answer, saved.page, saved.content_type.model, saved.object_id) == (
        Answer.USEFUL,
        guide.get_absolute_url(),
        "guide",
        guide.pk,
    )
    assert not response.cookies and not thanks.cookies


def test_a_no_without_javascript_asks_what_went_wrong_and_joins_the_answer_to_the_no(client):
    question = make_question("Will we lose control?")
    page = question.get_absolute_url()
    response = answer(client, page, "no")
    assert response.status_code == 303 and "ref=" in response["Location"]
    form = client.get(response["Location"]).content.decode()
    assert "Help us improve this page" in form and "We remove email addresses" in form
    ref = re.search(r'name="ref" value="([^"]+)"', form).group(1)
    sent = report(client, page, "Write to me at jo@example.gov.uk or 07700 900123", ref=ref, doing="Find costs")
    assert sent.status_code == 303
    saved = Feedback.objects.get()
    assert saved.answer == Answer.NOT_USEFUL and saved.doing == "Find costs"
    assert saved.went_wrong == f"Write to me at {EMAIL_REMOVED} or {PHONE_REMOVED}"


def test_with_javascript_each_step_comes_back_as_a_fragment_without_a_page_reload(client):
    guide = make_guide("Joining a cluster")
    page = guide.get_absolute_url()
    step = answer(client, page, "no", HTTP_X_REQUESTED_WITH="fetch")
    fragment = step.content.decode()
    assert step.status_code == 200 and "<html" not in fragment and "Help us improve this page" in fragment
    assert "X-Requested-With" in step["Vary"]
    ref = re.search(r'name="ref" value="([^"]+)"', fragment).group(1)
    done = report(client, page, "Nothing on costs", ref=ref, HTTP_X_REQUESTED_WITH="fetch")
    assert done.status_code == 200 and "Thank you for your feedback" in done.content.decode()
    assert Feedback.objects.get().went_wrong == "Nothing on costs"


def test_report_a_problem_works_from_any_reader_page_without_an_answer_first(client):
    form = client.get(reverse("feedback:report"), {"page": "/toolkit/"})
    assert form.status_code == 200 and "Report a problem with this page" in form.content.decode()
    assert report(client, "/toolkit/", "The stages list is hard to follow").status_code == 303
    saved = Feedback.objects.get()
    assert (saved.answer, saved.page, saved.content_type) == (Answer.PROBLEM, "/toolkit/", None)


def test_a_report_without_what_went_wrong_shows_the_error_with_the_readers_words_kept(client):
    response = report(client, "/toolkit/", "", doing="Looking for the business case template")
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Enter what went wrong" in html
    assert "Looking for the business case template" in html
    assert Feedback.objects.count() == 0


def test_an_answer_over_the_length_limit_is_refused_with_the_limit_named(client):
    response = report(client, "/toolkit/", "x" * 1201)
    assert response.status_code == 400
    assert "What went wrong must be 1,200 characters or fewer" in response.content.decode()


def test_a_ref_for_someone_elses_answer_cannot_overwrite_it(client):
    guide = make_guide("Joining a cluster")
    answer(client, guide.get_absolute_url(), "no")
    report(client, "/toolkit/", "Something else", ref="forged:ref")
    no, problem = Feedback.objects.order_by("pk")
    assert (no.answer, no.went_wrong) == (Answer.NOT_USEFUL, "")
    assert (problem.answer, problem.went_wrong) == (Answer.PROBLEM, "Something else")


@pytest.mark.parametrize("page", ["/admin/", "https://elsewhere.example/", "//elsewhere.example/", "/no-such/", ""])
def test_feedback_is_only_taken_about_the_sites_own_reader_pages(client, page):
    response = answer(client, page, "yes")
    assert response.status_code == 400
    assert "We could not tell which page this feedback is about" in response.content.decode()
    assert Feedback.objects.count() == 0
