"""Settings for the reader-page benchmark (bench/pages_bench.py): the product's settings, served over plain HTTP.

Only the benchmark uses this module. It changes nothing about how pages are
built: the same apps, middleware, caches, templates and database pool. It only
adds the benchmark's URL configuration (the product's URLs plus a floor view)
and turns off what plain HTTP on 127.0.0.1 cannot use (the HTTPS redirect,
HSTS, secure-only cookies).
"""

import os
import secrets

# Set before the product's settings read them, so the benchmark never depends on the caller's shell.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["SECURE_COOKIES"] = "false"
os.environ["SECURE_HSTS_SECONDS"] = "0"

from sharedservices.settings import *  # noqa: E402,F403
from sharedservices.settings import STATIC_ROOT  # noqa: E402

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# collectstatic writes here (a directory of the benchmark's own), so the product's staticfiles/ is untouched.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT") or STATIC_ROOT
