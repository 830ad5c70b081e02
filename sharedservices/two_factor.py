"""Two-factor sign-in: who must give a code, checking codes, and setting up an authenticator app in the admin.

A person who must use a code but has no app yet proves their password first; the sign-in then remembers them
in the session for a few minutes, only so they can set up an app. They are signed in once the app's first code
is confirmed, never before.
"""

import base64
import time

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from publishing.groups import PUBLISHERS

APP_NAME = "Authenticator app"
SET_UP_SESSION_KEY = "two_factor_set_up"
SET_UP_SECONDS = 10 * 60


def two_factor_required_for(user):
    """Publishers and superusers must use a code when OTP_REQUIRED is on (production default)."""
    if not settings.OTP_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=PUBLISHERS).exists()


def has_two_factor_device(user):
    return any(True for _ in devices_for_user(user, confirmed=True))


def device_accepting(user, code):
    """The person's confirmed app that shows this code now, or None. django-otp slows down repeated failures."""
    code = normalised_code(code)
    for device in devices_for_user(user, confirmed=True):
        accepted = verify_token(user, device.persistent_id, code)
        if accepted is not None:
            return accepted
    return None


def normalised_code(code):
    # Apps show codes as "123 456"; people type them that way.
    return "".join((code or "").split())


def set_up_device_for(user):
    """The app being set up, made on the first visit and kept until confirmed, so a reload shows the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def set_up_confirm(device, code):
    """Confirm the app if it shows this code now; the person then signs in with it. Returns the confirmed app."""
    accepted = verify_token(device.user, device.persistent_id, normalised_code(code))
    if accepted is None:
        return None
    accepted.confirmed = True
    accepted.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return accepted


def qr_code_svg(device):
    """The app's set-up link as an SVG QR code: no script, no style attribute, so the CSP allows it inline."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#0b0c0c", light="#ffffff", title="QR code to scan with your authenticator app"
    )


def key_for_typing(device):
    """The secret key in groups of four, for someone who cannot scan the QR code."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def set_up_begin(request, user, next_url):
    """Remember, for a few minutes, that this session gave the right password for someone who must set up an app."""
    request.session[SET_UP_SESSION_KEY] = {
        "user": user.pk,
        "backend": user.backend,  # the backend that checked the password signs the person in afterwards
        "started": time.time(),
        "next": next_url,
    }


def set_up_pending(request):
    """(person, where to go next) for a session part-way through signing in to set up an app, else (None, None)."""
    pending = request.session.get(SET_UP_SESSION_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("started", 0) > SET_UP_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True, is_staff=True).first()
    if user is None or has_two_factor_device(user) or pending.get("backend") not in settings.AUTHENTICATION_BACKENDS:
        return None, None
    user.backend = pending["backend"]
    return user, pending.get("next")


def set_up_end(request):
    request.session.pop(SET_UP_SESSION_KEY, None)
