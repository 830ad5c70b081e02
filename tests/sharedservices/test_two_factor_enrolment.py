"""Setting up two-factor sign-in in the admin: reachable only after the right password, confirmed by a code."""

import re
import time

import pytest
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_editor, make_publisher
from tests.sharedservices.admin_pages import jargon_in, uses_admin_layout
from tests.two_factor import current_code, make_authenticator, wrong_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/admin/login/"
ENROL = "/admin/two-factor/"


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(f"{LOGIN}?next=/admin/", {"username": username, "password": password, **extra})


def device_being_set_up(username):
    return TOTPDevice.objects.get(user__username=username, confirmed=False)


def shown_key(html):
    return re.search(r'<code class="app-enrolment-key">([A-Z2-7 ]+)</code>', html).group(1).replace(" ", "")


@pytest.fixture
def required():
    """Two-factor sign-in required for publishers and superusers, as in production."""
    with override_settings(OTP_REQUIRED=True):
        yield


def test_publisher_without_an_app_is_sent_to_set_one_up_after_the_right_password(required):
    make_publisher("pat")
    client = Client()
    response = sign_in(client, "pat")
    assert response.status_code == 302 and response["Location"] == ENROL
    # Not signed in yet: the admin itself is still closed.
    assert client.get("/admin/").status_code == 302


def test_a_wrong_password_never_reaches_the_set_up_page(required):
    make_publisher("pat")
    client = Client()
    assert sign_in(client, "pat", "wrong-password").status_code == 200
    assert client.get(ENROL)["Location"].startswith(LOGIN)


def test_the_set_up_page_cannot_be_opened_without_signing_in(required):
    make_publisher("pat")
    response = Client().get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not TOTPDevice.objects.exists()


def test_the_set_up_page_shows_a_qr_code_and_the_key_in_plain_english(required):
    make_publisher("pat")
    client = Client()
    sign_in(client, "pat")
    response = client.get(ENROL)
    assert response.status_code == 200
    html = response.content.decode()
    assert uses_admin_layout(html)
    assert '<figure class="app-qr-code"><svg' in html and "Set up two-factor sign-in" in html
    assert "Code from your authenticator app" in html
    assert jargon_in(html) == []
    device = device_being_set_up("pat")
    assert shown_key(html) == device.config_url.split("secret=")[1].split("&")[0]
    # The content security policy forbids inline script and style, so the page has none.
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None and " style=" not in html
    assert "no-store" in response["Cache-Control"]


def test_reloading_the_set_up_page_keeps_the_same_key(required):
    make_publisher("pat")
    client = Client()
    sign_in(client, "pat")
    first, second = client.get(ENROL).content.decode(), client.get(ENROL).content.decode()
    assert shown_key(first) == shown_key(second)
    assert TOTPDevice.objects.filter(user__username="pat").count() == 1


def test_a_wrong_confirmation_code_leaves_the_app_unconfirmed_and_the_person_signed_out(required):
    make_publisher("pat")
    client = Client()
    sign_in(client, "pat")
    client.get(ENROL)
    response = client.post(ENROL, {"code": wrong_code(device_being_set_up("pat"))})
    assert response.status_code == 200
    assert "That code did not work" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_a_confirmation_code_that_is_not_six_digits_is_explained(required):
    make_publisher("pat")
    client = Client()
    sign_in(client, "pat")
    client.get(ENROL)
    response = client.post(ENROL, {"code": "12ab"})
    assert response.status_code == 200
    assert "Enter the 6-digit code" in response.content.decode()


def test_the_right_code_confirms_the_app_and_signs_the_publisher_in(required, caplog):
    make_publisher("pat")
    client = Client()
    sign_in(client, "pat")
    client.get(ENROL)
    device = device_being_set_up("pat")
    response = client.post(ENROL, {"code": current_code(device)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert "auth event=two_factor_set_up user=pat" in caplog.text
    assert "auth event=sign_in user=pat" in caplog.text


def test_after_setting_up_the_publisher_signs_in_with_password_and_code(required):
    make_publisher("pat")
    client = Client()
    sign_in(client, "pat")
    client.get(ENROL)
    device = device_being_set_up("pat")
    client.post(ENROL, {"code": current_code(device)})
    device.refresh_from_db()
    assert sign_in(Client(), "pat").status_code == 200
    device.throttle_reset()
    # A code is accepted once only; the next one is a step later, so set the clock back a step for the test.
    device.last_t -= 1
    device.save()
    later = Client()
    assert sign_in(later, "pat", code=current_code(device)).status_code == 302
    assert later.get("/admin/").status_code == 200


def test_the_password_step_expires_after_ten_minutes(required):
    make_publisher("pat")
    client = Client()
    sign_in(client, "pat")
    session = client.session
    session["two_factor_set_up"]["started"] = time.time() - 11 * 60
    session.save()
    assert client.get(ENROL)["Location"].startswith(LOGIN)


def test_someone_who_has_an_app_cannot_set_up_another_with_a_password_alone(required):
    publisher = make_publisher("pat")
    make_authenticator(publisher)
    client = Client()
    assert sign_in(client, "pat").status_code == 200
    assert client.get(ENROL)["Location"].startswith(LOGIN)
    assert TOTPDevice.objects.filter(user=publisher).count() == 1


def test_a_signed_in_editor_may_choose_to_set_up_two_factor_sign_in():
    editor = make_editor("erin")
    client = Client()
    client.force_login(editor)
    assert "Two-factor sign-in" in client.get("/admin/").content.decode()
    page = client.get(ENROL)
    assert page.status_code == 200 and "app-qr-code" in page.content.decode()
    device = device_being_set_up("erin")
    response = client.post(ENROL, {"code": current_code(device)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed


def test_someone_already_set_up_is_told_so_and_shown_no_new_key():
    editor = make_editor("erin")
    make_authenticator(editor)
    client = Client()
    client.force_login(editor)
    response = client.get(ENROL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "already set up" in html and "app-qr-code" not in html
    assert client.post(ENROL, {"code": "123456"}).status_code == 200
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_the_sign_in_page_speaks_plain_english():
    html = Client().get(LOGIN).content.decode()
    assert "Code from your authenticator app" in html
    assert jargon_in(html) == []
