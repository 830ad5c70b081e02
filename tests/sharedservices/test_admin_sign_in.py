"""Admin sign-in: throttling and lock-out, two-factor codes, CSRF, and an audit trail."""

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, make_editor, make_publisher, make_question

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


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
def test_publisher_without_two_factor_is_told_how_to_enrol_when_it_is_required(client):
    make_publisher("pat")
    response = sign_in(client, "pat")
    assert response.status_code == 200
    assert "manage.py enrol_totp pat" in response.content.decode()


@override_settings(OTP_REQUIRED=True)
def test_editor_may_sign_in_without_two_factor_even_when_publishers_need_it(client):
    make_editor("erin")
    assert sign_in(client, "erin").status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(OTP_REQUIRED=True)
def test_enrolled_publisher_signs_in_with_a_current_code_and_not_without(client, capsys):
    make_publisher("pat")
    call_command("enrol_totp", "pat")
    assert "otpauth://" in capsys.readouterr().out
    device = TOTPDevice.objects.get(user__username="pat")
    assert sign_in(client, "pat").status_code == 200
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert sign_in(client, "pat", otp_token=code).status_code == 302
    assert client.get("/admin/").status_code == 200
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert sign_in(Client(), "pat", otp_token=wrong).status_code == 200


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
