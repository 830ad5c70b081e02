"""Authenticator apps for tests: enrol one directly and read the code it would show now."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def make_authenticator(user):
    """A confirmed authenticator app for the user, as if they had finished setting it up."""
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(device):
    """The 6-digit code the person's app shows at this moment."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code(device):
    """A code the app does not show now (the current one, off by one)."""
    return f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
