"""Sign-in input the lock-out table cannot hold is an ordinary failed sign-in, never an error page."""

import pytest

from sharedservices.sign_in_forms import SIGN_IN_REFUSED
from tests.factories import make_editor

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.mark.parametrize("length", [151, 256, 5_000])
def test_an_overlong_username_is_an_ordinary_failed_sign_in(client, length, caplog):
    response = client.post(LOGIN, {"username": "u" * length, "password": "wrong-password"})
    assert response.status_code == 200
    assert SIGN_IN_REFUSED in response.content.decode()
    assert "Traceback" not in caplog.text


def test_an_overlong_username_does_not_stop_a_real_editor_signing_in(client):
    make_editor("erin")
    client.post(LOGIN, {"username": "e" * 300, "password": "wrong-password"})
    response = client.post(LOGIN, {"username": "erin", "password": "correct-horse-battery-staple"})
    assert response.status_code == 302
