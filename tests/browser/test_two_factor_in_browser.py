"""A publisher sets up two-factor sign-in in the admin and then signs in with a code, in a real browser."""

import base64

import pytest
from django_otp.oath import totp

from tests.factories import make_publisher

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-staple"


def code_from_key(typed_key, steps_ahead=0):
    """What an authenticator app shows for a key typed in by hand (30-second steps, 6 digits)."""
    key = typed_key.replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    return f"{totp(secret, step=30, t0=0, digits=6, drift=steps_ahead):06d}"


def watch_console(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def fill_sign_in(page, username, code=None):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    if code is not None:
        page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Sign in").click()


def test_publisher_sets_up_an_authenticator_app_then_signs_in_with_a_code(new_context, settings, axe):
    settings.OTP_REQUIRED = True
    make_publisher("pat")

    page = new_context().new_page()
    errors = watch_console(page)
    fill_sign_in(page, "pat")
    page.wait_for_url("**/admin/two-factor/")
    assert page.inner_text("h1") == "Set up two-factor sign-in"
    assert page.locator(".app-qr-code svg").is_visible()
    assert axe(page) == []

    key = page.inner_text(".app-enrolment-key")
    page.get_by_label("Code from your authenticator app").fill(code_from_key(key))
    page.get_by_role("button", name="Finish setting up and sign in").click()
    page.wait_for_url("**/admin/")
    assert "Two-factor sign-in is set up" in page.inner_text(".messagelist")
    assert "What needs you" in page.content()

    # Next time: password and code together, in a new browser. Each code works once, so this is the app's next one.
    later = new_context().new_page()
    fill_sign_in(later, "pat", code_from_key(key, steps_ahead=1))
    later.wait_for_url("**/admin/")
    assert "What needs you" in later.content()

    # A wrong code is refused with the same words as a wrong password.
    stranger = new_context().new_page()
    fill_sign_in(stranger, "pat", "000000" if code_from_key(key, steps_ahead=1) != "000000" else "111111")
    assert stranger.inner_text(".errornote") == "The username, password or code is not right. Check them and try again."
    assert [e for e in errors if "Content Security Policy" in e] == []
