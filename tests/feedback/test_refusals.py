"""Without a CSRF token, the feedback forms refuse what a person on one of our pages would never send:
another site's form, a filled-in honeypot, an oversized body or too many answers from one client."""

import ipaddress

import pytest
from django.test import override_settings
from django.urls import reverse

from feedback.models import Feedback

pytestmark = pytest.mark.django_db


def post(client, url="feedback:answer", data=None, **headers):
    data = data or {"page": "/faq/", "useful": "no"}
    return client.post(reverse(url), data, **headers)


def test_a_form_posted_from_another_site_is_refused(client):
    response = post(client, HTTP_ORIGIN="https://elsewhere.example")
    assert response.status_code == 403
    assert "Feedback can only be sent from the form on one of this website’s pages" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_post_with_neither_origin_nor_referer_is_refused(client):
    assert post(client).status_code == 403


def test_a_referer_from_this_site_stands_in_for_a_missing_origin(client):
    assert post(client, HTTP_REFERER="http://testserver/faq/").status_code == 303


def test_a_filled_in_honeypot_is_refused_as_scripted(client):
    data = {"page": "/faq/", "useful": "yes", "website": "http://spam.example"}
    response = post(client, data=data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 400
    assert "It looked as if a program rather than a person filled in the form" in response.content.decode()
    assert Feedback.objects.count() == 0


@override_settings(FEEDBACK_MAX_BODY_BYTES=500)
def test_an_oversized_submission_is_refused_before_it_is_read(client):
    data = {"page": "/faq/", "went_wrong": "x" * 1000}
    response = post(client, "feedback:report", data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 413
    assert "Your feedback is too long" in response.content.decode()


@override_settings(FEEDBACK_RATE_LIMIT=3)
def test_one_client_is_limited_and_another_is_not(client):
    statuses = [post(client, HTTP_ORIGIN="http://testserver").status_code for _ in range(4)]
    assert statuses == [303, 303, 303, 429]
    assert "Wait a few minutes and try again" in post(client, HTTP_ORIGIN="http://testserver").content.decode()
    other = post(client, HTTP_ORIGIN="http://testserver", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303
    assert Feedback.objects.count() == 4


@override_settings(FEEDBACK_RATE_LIMIT=1, TRUSTED_PROXY_NETWORKS=[ipaddress.ip_network("127.0.0.1")])
def test_behind_the_proxy_the_limit_is_per_client_not_per_proxy(client):
    def from_client(address):
        return post(client, HTTP_ORIGIN="http://testserver", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address)

    assert [from_client("198.51.100.1").status_code, from_client("198.51.100.2").status_code] == [303, 303]
    assert from_client("198.51.100.1").status_code == 429


def test_reader_pages_still_answer_only_get_and_head(client):
    assert client.post("/faq/", HTTP_ORIGIN="http://testserver").status_code == 405


def test_a_refusal_with_javascript_comes_back_as_a_fragment(client):
    response = post(client, HTTP_ORIGIN="https://elsewhere.example", HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 403 and "<html" not in response.content.decode()


def test_the_feedback_endpoints_take_only_the_methods_their_forms_use(client):
    answer = client.get(reverse("feedback:answer"))
    assert answer.status_code == 405 and answer["Allow"] == "POST"
    report = client.put(reverse("feedback:report"))
    assert report.status_code == 405 and report["Allow"] == "GET, HEAD, POST"
