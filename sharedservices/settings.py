"""Settings for Shared Services Guidance, read only from environment variables.

See README.md ("Configuration") for every variable. Production differs from
local use only through these values.
"""

import os
import sys
from pathlib import Path

from sharedservices import config
from sharedservices.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

# Off unless asked for: a server started with no configuration must not show debug pages.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = config.secret_key(os.environ, DEBUG)
ALLOWED_HOSTS = config.allowed_hosts(env_list("ALLOWED_HOSTS", []), DEBUG)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The path prefix the portal is served under, from configuration only: never from a request header.
FORCE_SCRIPT_NAME = config.script_name(os.environ.get("SCRIPT_NAME", ""))
# Proxies whose X-Forwarded-For is believed (sharedservices.client_address): the documented nginx in front.
TRUSTED_PROXY_NETWORKS = config.trusted_proxy_networks(env_list("TRUSTED_PROXIES", []))

INSTALLED_APPS = [
    "sharedservices.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_forms_gds",
    "reversion",
    "csp",
    # django-axes and django-otp's authenticator apps, under plain section names in the admin.
    "sharedservices.apps.SignInRecordsConfig",
    "django_otp",
    "sharedservices.apps.TwoFactorDevicesConfig",
    "sharedservices.apps.SharedServicesConfig",
    "publishing",
    # Content kinds register in this order, which is the order of their groups on topic pages.
    "guidance",
    "faq",
    "toolkit",
    "directory",
    "benchmarks",
    "search",
    "topics",
    "feedback",
    "feeds",
    "api",
    # Not a content kind: the readiness self-assessment and the savings estimator hold no editor content.
    "tools",
]

MIDDLEWARE = [
    # First: a cached reader page is answered before anything else runs. What it stores is what the rest
    # of the stack sent, security headers included, already compressed, with its ETag.
    "sharedservices.page_cache.ReaderPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything can read a body: an oversized one is refused unread.
    "sharedservices.request_limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-in attempts from a locked-out username and address before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "sharedservices.urls"
WSGI_APPLICATION = "sharedservices.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sharedservices.context_processors.site",
            ],
        },
    },
    {
        # GOV.UK Frontend's component macros (govuk-frontend-jinja), which the page templates call
        # through sharedservices.govuk; no page template is written in Jinja.
        "NAME": "govuk",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "sharedservices.govuk.environment"},
    },
]

DATABASES = {"default": config.database_config(os.environ, BASE_DIR)}
# A streaming replica for readers' pages (sharedservices.replica); everything else uses the primary.
_replica = config.replica_config(os.environ, DATABASES["default"])
if _replica:
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["sharedservices.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = config.cache_config(
    os.environ.get("REDIS_URL", "").strip(),
    Path(os.environ.get("PAGE_CACHE_DIR", "/tmp/shared-services-guidance-generation")),  # noqa: S108 - not secret
)
# Anonymous reader pages are cached and invalidated on every content change (sharedservices.page_cache).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How long a CDN or caching proxy may serve a reader page before asking again.
PAGE_CACHE_PROXY_SECONDS = env_int("PAGE_CACHE_PROXY_SECONDS", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# Some indexes carry an extra covering column (INCLUDE) so PostgreSQL can count from the index alone;
# SQLite, the local default, builds the same indexes without it, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# An English-only service: the translation machinery would cost every page hundreds of lookups.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "sharedservices.storage.CompressedManifestStorage"
        )
    },
}
# Hashed static files never change, so browsers and proxies may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Security. Production defaults; a TLS-terminating proxy must send X-Forwarded-Proto
# (set BEHIND_TLS_PROXY=true) so Django knows the request was HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Only editors have sessions: signed out after an hour without activity or when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
        "microphone", "payment", "usb", "browsing-topics",
    )
}  # fmt: skip

# Sign-in throttling: 5 failures for a username from one address locks it for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lock-out page keeps the admin's layout under /admin/ (sharedservices.views.locked_out).
AXES_LOCKOUT_CALLABLE = "sharedservices.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind the proxy, the client's own address (not the proxy's) is what a lock-out is keyed on.
AXES_CLIENT_IP_CALLABLE = "sharedservices.client_address.client_ip"

# Two-factor sign-in: required for publishers and superusers unless turned off (it is off locally).
OTP_REQUIRED = env_bool("OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Shared Services Guidance"

# Largest form body (without files) Django will read.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# Largest request body of any kind, refused from its Content-Length before it is read: a template
# upload (20 MB at most, see toolkit.files.validation) plus the rest of its form, in the admin only.
MAX_REQUEST_BODY_BYTES = env_int("MAX_REQUEST_BODY_BYTES", DATA_UPLOAD_MAX_MEMORY_SIZE)
MAX_ADMIN_REQUEST_BODY_BYTES = env_int("MAX_ADMIN_REQUEST_BODY_BYTES", 21 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Page feedback (feedback/): how many answers one client may send in a window, and the largest submission.
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 30)
FEEDBACK_RATE_WINDOW_SECONDS = env_int("FEEDBACK_RATE_WINDOW_SECONDS", 600)
FEEDBACK_MAX_BODY_BYTES = env_int("FEEDBACK_MAX_BODY_BYTES", 32_768)

# The most addresses one sitemap file lists (the sitemap protocol's limit); past it /sitemap.xml becomes an index.
SITEMAP_URL_LIMIT = env_int("SITEMAP_URL_LIMIT", 50_000)

# Requests one client may make to the API: a number per second, minute, hour or day ("120/minute").
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/minute")
# The read-only content API (api/): anonymous, JSON only, rate-limited per client, documented by its own schema.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.rest.FirstRendererOnly",
    "DEFAULT_THROTTLE_CLASSES": ["api.rest.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.rest.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Shared Services Guidance content API",
    "DESCRIPTION": "Published guidance on sharing corporate services across government, read-only. "
    "Anonymous, JSON only, rate-limited per client; answers carry ETags.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

SERVICE_NAME = "Shared Services Guidance"
# Contact and legal details are the running team's to set: no source gives them. Until they are set, pages
# show clearly marked placeholders and `check --deploy` warns (sharedservices/checks.py).
TEAM_EMAIL = os.environ.get("TEAM_EMAIL", "")
DATA_CONTROLLER = os.environ.get("DATA_CONTROLLER", "")
LOG_RETENTION = os.environ.get("LOG_RETENTION", "")
# Where a history-mode page's banner sends readers for the position today.
CURRENT_POSITION_URL = os.environ.get("CURRENT_POSITION_URL", "/guidance/shared-services-today/")
