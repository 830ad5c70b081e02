"""Oversized bodies are refused before they are read, and reader pages answer only the methods they take."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from publishing.reader_pages import is_form_step
from tests.factories import make_editor, make_question, make_stage, make_template

pytestmark = pytest.mark.django_db

TWO_HUNDRED_MB = 200 * 1024 * 1024


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_without_reading(client, path, length):
    return client.generic(
        "POST",
        path,
        CONTENT_LENGTH=str(length),
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        **{"wsgi.input": UnreadableBody()},
    )


def test_an_anonymous_200_mb_post_is_refused_unread():
    response = post_without_reading(Client(), "/", TWO_HUNDRED_MB)
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_an_editors_200_mb_upload_is_refused_unread():
    template = make_template("Vision statement", files=["odt"])
    client = Client()
    client.force_login(make_editor())
    response = post_without_reading(client, f"/admin/toolkit/template/{template.pk}/change/", TWO_HUNDRED_MB)
    assert response.status_code == 413
    assert "smaller than 20 MB" in response.content.decode()


def test_a_form_body_without_files_over_the_form_limit_is_refused_unread_in_the_admin_too():
    response = Client().generic(
        "POST",
        "/admin/login/",
        CONTENT_LENGTH=str(3 * 1024 * 1024),
        CONTENT_TYPE="application/x-www-form-urlencoded",
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413


class CountingBody:
    """A request body that counts what is read of it."""

    def __init__(self, size):
        self.left = size
        self.read_bytes = 0

    def read(self, size=-1):
        size = self.left if size is None or size < 0 else min(size, self.left)
        self.left -= size
        self.read_bytes += size
        return b"x" * size

    def readline(self, size=-1):
        return self.read(size)


def test_a_refused_body_from_the_trusted_proxy_is_read_and_dropped_so_the_proxy_can_finish_sending(settings):
    from sharedservices.client_address import parse_networks

    settings.TRUSTED_PROXY_NETWORKS = parse_networks(["127.0.0.1"])
    body = CountingBody(3 * 1024 * 1024)
    response = Client().generic(
        "POST", "/", CONTENT_LENGTH=str(body.left), CONTENT_TYPE="text/plain", **{"wsgi.input": body}
    )
    assert response.status_code == 413
    assert body.read_bytes == 3 * 1024 * 1024


def test_a_body_a_page_did_not_read_is_dropped_when_it_came_through_the_trusted_proxy(settings):
    from sharedservices.client_address import parse_networks

    settings.TRUSTED_PROXY_NETWORKS = parse_networks(["127.0.0.1"])
    body = CountingBody(1024 * 1024)
    response = Client().generic(
        "POST", "/faq/", CONTENT_LENGTH=str(body.left), CONTENT_TYPE="text/plain", **{"wsgi.input": body}
    )
    assert response.status_code in (403, 405)
    assert body.read_bytes == 1024 * 1024


def test_a_malformed_content_length_is_a_bad_request():
    response = Client().generic("POST", "/admin/login/", CONTENT_LENGTH="12abc", **{"wsgi.input": UnreadableBody()})
    assert response.status_code == 400


def test_an_upload_within_the_limit_still_reaches_the_admin():
    template = make_template("Vision statement", files=["odt"])
    client = Client()
    client.force_login(make_editor())
    assert client.post(f"/admin/toolkit/template/{template.pk}/change/", {"title": ""}).status_code == 200


def reader_paths(form_steps=False):
    """One concrete address for every reader URL pattern (slugs filled with existing items); with
    form_steps, those of the steps of a reader's form (which take POST) instead of the pages."""
    question = make_question(slug="a-question")
    stage = make_stage(position=1, slug="vision")
    template = make_template("A template", stage=stage, files=["odt"], slug="a-template")
    values = {"slug": question.slug, "audience": "providers", "file_format": "odt", "token": "not-a-token"}
    values_for = {"toolkit:stage": {"slug": stage.slug}, "toolkit:template": {"slug": template.slug}}
    values_for["toolkit:download"] = {"slug": template.slug, "file_format": "odt"}
    paths = []

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                # The admin, and the feedback forms' endpoints, which take POST by design (feedback/views.py).
                if str(pattern.pattern).startswith(("admin/", "feedback/")):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = f"{namespace}{pattern.name}"
                for key, value in {**values, **values_for.get(name, {})}.items():
                    for converter in ("slug", "str", "audience"):
                        route = route.replace(f"<{converter}:{key}>", value)
                if is_form_step(pattern.callback) == form_steps:
                    paths.append("/" + route)

    walk(get_resolver().url_patterns)
    return [path for path in paths if "<" not in path and not path.startswith("/__bench__")]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS"])
def test_every_reader_page_refuses_methods_it_does_not_take_with_405(method):
    paths = reader_paths()
    assert "/" in paths and "/faq/a-question/" in paths and "/search/" in paths
    for path in paths:
        response = Client().generic(method, path)
        assert response.status_code == 405, f"{method} {path} gave {response.status_code}"
        assert response["Allow"] == "GET, HEAD"


def test_reader_pages_still_answer_get_and_head():
    for path in reader_paths():
        for method in ("GET", "HEAD"):
            assert Client().generic(method, path).status_code in (200, 301, 302, 404), f"{method} {path}"


def test_the_steps_of_a_readers_form_take_post_and_send_a_reopened_tab_to_the_first_page():
    steps = reader_paths(form_steps=True)
    assert "/tools/readiness/answers/" in steps and "/tools/savings/estimate/" in steps
    for path in steps:
        assert Client().post(path).status_code == 200, path
        for method in ("GET", "HEAD"):
            response = Client().generic(method, path)
            assert response.status_code == 302, f"{method} {path}"
            assert response["Location"].startswith("/tools/"), path
        for method in ("PUT", "DELETE", "PATCH", "TRACE", "OPTIONS"):
            response = Client().generic(method, path)
            assert response.status_code == 405, f"{method} {path} gave {response.status_code}"
            assert response["Allow"] == "GET, HEAD, POST"
