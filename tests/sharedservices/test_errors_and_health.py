import pytest

from tests.pagecheck import assert_reader_page_structure


@pytest.mark.django_db
def test_unknown_url_gets_the_styled_404_page(client):
    response = client.get("/no-such-page/at-all/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Traceback" not in html
    assert_reader_page_structure(html, title_prefix="Page not found")


@pytest.mark.django_db
def test_not_found_page_never_reflects_the_requested_path(client):
    response = client.get("/<script>alert(1)</script>/")
    assert response.status_code == 404
    assert "<script>alert(1)" not in response.content.decode()


def test_liveness_check_answers_without_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_check_reports_a_working_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_server_error_view_renders_the_styled_500_page(rf):
    from sharedservices.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_database_failure_renders_the_styled_503_page(rf):
    from django.db import OperationalError

    from sharedservices.views import server_error

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert_reader_page_structure(html, title_prefix="Sorry, the service is unavailable")
