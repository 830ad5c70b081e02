"""Security headers on every page, and a production configuration that passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/about/", "/accessibility/", "/privacy/", "/faq/", "/topics/", "/no-such-page/", "/admin/login/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_production_configuration_passes_check_deploy_without_warnings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "OTP_", "DEBUG", "DJANGO_ALLOW_ASYNC"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sharedservices.settings",
            "DEBUG": "false",
            "SECRET_KEY": "k7Jw2pQ9zX4mR8vT1nB6yH3cF5gL0dS2aE9uI7oP4qW1xZ8-rNd0m",
            "ALLOWED_HOSTS": "guidance.example.gov.uk",
            "TEAM_EMAIL": "shared-services@department.gov.uk",
            "DATA_CONTROLLER": "The Department for Example",
            "LOG_RETENTION": "30 days",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_redirect_to_https_and_mark_cookies_secure():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.OTP_REQUIRED, s.SESSION_COOKIE_AGE, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "OTP_", "DEBUG", "SESSION_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sharedservices.settings",
            "DEBUG": "false",
            "SECRET_KEY": "k7Jw2pQ9zX4mR8vT1nB6yH3cF5gL0dS2aE9uI7oP4qW1xZ8-rNd0m",
            "ALLOWED_HOSTS": "guidance.example.gov.uk",
            "BEHIND_TLS_PROXY": "true",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "3600",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]
