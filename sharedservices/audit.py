"""Structured audit lines for sign-ins and refusals (workflow actions are logged in publishing.workflow)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

audit = logging.getLogger("sharedservices.audit")


def client_address(request):
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


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
        credentials.get("username", "-"),
        client_address(request),
        f" reason={reason}" if reason else "",
    )


def log_two_factor_set_up(request, user):
    audit.info("auth event=two_factor_set_up user=%s ip=%s", user.get_username(), client_address(request))


def log_permission_refused(request):
    user = getattr(request, "user", None)
    audit.warning(
        "auth event=permission_refused user=%s path=%s ip=%s",
        user.get_username() if user is not None and user.is_authenticated else "anonymous",
        request.path[:200],
        client_address(request),
    )
