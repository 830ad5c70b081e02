"""Admin sign-in: throttling and lock-out, two-factor codes, CSRF, and an audit trail."""

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, make_editor, make_publisher, make_question
from tests.two_factor import current_code, make_authenticator, wrong_code

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
CODE_FIELD = "code"


def sign_in(client, username, password=PASSWORD, code=None):
    data = {"username": username, "password": password}
    if code is not None:
        data[CODE_FIELD] = code
    return client.post(LOGIN, data)


def error_notes(response):
    return re.findall(r'<p class="errornote">\s*(.*?)\s*</p>', response.content.decode(), re.DOTALL)


def test_correct_password_signs_an_editor_in_and_is_logged(client, caplog):
    make_editor("erin")
    response = sign_in(client, "erin")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "auth event=sign_in user=erin" in caplog.text


def test_failed_sign_in_is_logged(client, caplog):
    make_editor("erin")
    assert sign_in(client, "erin", "wrong-password").status_code == 200
    assert "auth event=sign_in_failed user=erin" in caplog.text


def test_five_failures_lock_the_account_with_a_clear_message_until_reset(client):
    make_editor("erin")
    for _ in range(5):
        sign_in(client, "erin", "wrong-password")
    locked = sign_in(client, "erin")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    call_command("axes_reset_username", "erin")
    assert sign_in(client, "erin").status_code == 302


@override_settings(OTP_REQUIRED=True)
def test_editor_may_sign_in_without_two_factor_even_when_publishers_need_it(client):
    make_editor("erin")
    assert sign_in(client, "erin").status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(OTP_REQUIRED=True)
def test_publisher_enrolled_by_command_signs_in_with_a_current_code_and_not_without(client, capsys):
    make_publisher("pat")
    call_command("enrol_totp", "pat")
    assert "otpauth://" in capsys.readouterr().out
    device = TOTPDevice.objects.get(user__username="pat")
    assert sign_in(client, "pat").status_code == 200
    # Throttling refuses any code straight after a failure, so the right code is tried in a second.
    device.refresh_from_db()
    device.throttle_reset()
    assert sign_in(client, "pat", code=current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert sign_in(Client(), "pat", code=wrong_code(device)).status_code == 200


def test_a_code_typed_with_spaces_is_accepted(client):
    device = make_authenticator(make_editor("erin"))
    code = current_code(device)
    assert sign_in(client, "erin", code=f" {code[:3]} {code[3:]} ").status_code == 302


def test_wrong_code_after_the_right_password_is_logged_as_a_failed_sign_in(client, caplog):
    device = make_authenticator(make_editor("erin"))
    assert sign_in(client, "erin", code=wrong_code(device)).status_code == 200
    assert "auth event=sign_in_failed user=erin" in caplog.text
    assert "auth event=sign_in user=erin" not in caplog.text


def test_wrong_codes_count_towards_the_lock_out_like_wrong_passwords(client):
    device = make_authenticator(make_editor("erin"))
    for _ in range(5):
        sign_in(client, "erin", code=wrong_code(device))
    device.refresh_from_db()
    device.throttle_reset()
    locked = sign_in(client, "erin", code=current_code(device))
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()


def test_wrong_code_gets_the_same_message_as_a_wrong_password(client):
    device = make_authenticator(make_editor("erin"))
    wrong_password = error_notes(sign_in(Client(), "erin", "wrong-password", code=current_code(device)))
    wrong_code_given = error_notes(sign_in(Client(), "erin", code=wrong_code(device)))
    no_code_given = error_notes(sign_in(Client(), "erin"))
    assert wrong_password and wrong_password == wrong_code_given == no_code_given
    assert "token" not in wrong_code_given[0].lower()


def test_post_without_csrf_token_is_refused():
    make_editor("erin")
    client = Client(enforce_csrf_checks=True)
    assert client.post(LOGIN, {"username": "erin", "password": PASSWORD}).status_code == 403


def test_permission_refusal_is_logged(caplog):
    item = make_question()
    client = Client()
    client.force_login(make_editor("erin"))
    assert client.post(f"/admin/faq/question/{item.pk}/delete/", {"post": "yes"}).status_code == 403
    assert "auth event=permission_refused user=erin" in caplog.text


def test_a_ten_megabyte_form_body_is_refused_with_400(client):
    response = client.post(LOGIN, {"username": "x", "password": "y" * 10_000_000})
    assert response.status_code == 400
