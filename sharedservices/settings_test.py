"""Test settings: the real settings with speed tweaks only."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client and live server speak plain HTTP; the HTTPS settings are tested separately.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("OTP_REQUIRED", "false")
# Off by default: the page cache is tested on its own, where tests control invalidation.
os.environ.setdefault("PAGE_CACHE_ENABLED", "false")
# Each test run keeps its content generation to itself, so concurrent runs cannot disturb each other.
os.environ.setdefault("PAGE_CACHE_DIR", tempfile.mkdtemp(prefix="ssg-test-generation-"))

from sharedservices.settings import *  # noqa: E402,F403
from sharedservices.settings import INSTALLED_APPS, STORAGES  # noqa: E402

# A content model that tests register as a throwaway kind (tests/publishing/test_registry.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.registry_app"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests read source static files directly rather than a collected, hashed copy.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_AUTOREFRESH = True
