"""Structured audit lines for sign-ins and refusals (workflow actions are logged in publishing.workflow)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sharedservices.client_address import client_ip

audit = logging.getLogger("sharedservices.audit")


def plain(text, limit=150):
    """Text a client chose, made safe for one log line: no control characters (no forged lines), bounded."""
    return "".join(char if char.isprintable() else "?" for char in str(text)[:limit])


def client_address(request):
    return (client_ip(request) or "-") if request is not None else "-"


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    audit.info("auth event=sign_in user=%s ip=%s", user.get_username(), client_address(request))


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    audit.info("auth event=sign_out user=%s ip=%s", getattr(user, "username", "-"), client_address(request))


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, reason=None, **kwargs):
    # The reason is for whoever reads the log: a wrong code after the right password means the password is known.
    audit.warning(
        "auth event=sign_in_failed user=%s ip=%s%s",
        plain(credentials.get("username", "-")),
        client_address(request),
        f" reason={reason}" if reason else "",
    )


def log_two_factor_set_up(request, user):
    audit.info("auth event=two_factor_set_up user=%s ip=%s", plain(user.get_username()), client_address(request))


def log_permission_refused(request):
    user = getattr(request, "user", None)
    audit.warning(
        "auth event=permission_refused user=%s path=%s ip=%s",
        user.get_username() if user is not None and user.is_authenticated else "anonymous",
        plain(request.path, 200),
        client_address(request),
    )
