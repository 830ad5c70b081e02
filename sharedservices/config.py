"""Pure functions that turn environment variables into settings values.

Kept apart from settings.py so the rules (SQLite by default, PostgreSQL with a
connection pool, an unsafe production configuration refused) can be tested.
"""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# psycopg prepares a statement after it has run this many times on a connection: no statement does, so only those
# a cursor asks to prepare are (sharedservices.prepared). Django's default, None, would refuse even those.
PREPARE_ONLY_WHEN_ASKED = 2**62
# Those statements are planned once, for any values: left to choose, PostgreSQL planned a topic's list again at
# every run (its generic plan's estimate was higher), which is what preparing it was meant to save. Only prepared
# statements (and PL/pgSQL's, such as the group-size triggers', which are plain key lookups) follow this setting.
PLANNED_ONCE = "-c plan_cache_mode=force_generic_plan"

# A key that is only ever acceptable with DEBUG on, on a developer's machine.
LOCAL_SECRET_KEY = "local-development-only-not-secret"  # noqa: S105 - refused unless DEBUG


def database_config(environ, base_dir):
    """SQLite when DATABASE_URL is unset; otherwise the database it names."""
    url = environ.get("DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(base_dir / "db.sqlite3"),
            "OPTIONS": {"timeout": 20},
        }
    try:
        config = dj_database_url.parse(url)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL Django understands: {error}") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        # psycopg 3's pool keeps connections open between requests; a request
        # never pays for a new connection. CONN_MAX_AGE must be 0 with a pool.
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {})
        # A short pool timeout means that, with the database down, readers see
        # the 503 page within seconds instead of waiting on a hung request.
        timeout = float(environ.get("DATABASE_POOL_TIMEOUT", "5"))
        max_size = int(environ.get("DATABASE_POOL_MAX_SIZE", "10"))
        config["OPTIONS"]["pool"] = {"min_size": 1, "max_size": max_size, "timeout": timeout}
        config["OPTIONS"].setdefault("connect_timeout", 5)
        config["OPTIONS"].setdefault("prepare_threshold", PREPARE_ONLY_WHEN_ASKED)
        config["OPTIONS"]["options"] = f"{config['OPTIONS'].get('options', '')} {PLANNED_ONCE}".strip()
    return config


def replica_config(environ, primary):
    """The streaming replica readers' pages are read from (sharedservices.replica), or None without one.

    Its pool gives up quickly (DATABASE_REPLICA_POOL_TIMEOUT, half a second): a replica that does not answer
    sends readers to the primary, so waiting longer on it would only slow them down."""
    url = environ.get("DATABASE_REPLICA_URL", "").strip()
    if not url:
        return None
    if primary["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL to name a PostgreSQL primary.")
    replica = database_config({**environ, "DATABASE_URL": url}, None)
    if replica["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must name a PostgreSQL streaming replica.")
    replica["OPTIONS"]["pool"]["timeout"] = float(environ.get("DATABASE_REPLICA_POOL_TIMEOUT", "0.5"))
    replica["OPTIONS"]["connect_timeout"] = 1
    # Tests never create a database for it: it reads the primary's test database.
    replica["TEST"] = {"MIRROR": "default"}
    return replica


def secret_key(environ, debug):
    key = environ.get("SECRET_KEY", "").strip()
    if key:
        if not debug and (len(key) < 50 or key == LOCAL_SECRET_KEY):
            raise ImproperlyConfigured(
                "SECRET_KEY is too weak for DEBUG=false: set SECRET_KEY to a random value of at least 50 characters."
            )
        return key
    if debug:
        return LOCAL_SECRET_KEY
    raise ImproperlyConfigured(
        "DEBUG is false but SECRET_KEY is not set. Set SECRET_KEY to a random value of at least "
        "50 characters (for example the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or set DEBUG=true for local use."
    )


def allowed_hosts(hosts, debug):
    if hosts:
        return hosts
    if debug:
        return ["127.0.0.1", "localhost", "[::1]", "testserver"]
    raise ImproperlyConfigured(
        "DEBUG is false but ALLOWED_HOSTS is not set. Set ALLOWED_HOSTS to the host names the "
        "portal is served on, separated by commas (for example ALLOWED_HOSTS=guidance.example.gov.uk)."
    )


def script_name(value):
    """The configured path prefix ("" or like "/guidance"), which no request header can change."""
    value = value.strip()
    if value and (not value.startswith("/") or value.endswith("/") or "//" in value):
        raise ImproperlyConfigured(
            f"SCRIPT_NAME must be empty or a path such as /guidance (a leading slash and no trailing one), "
            f"not {value!r}."
        )
    return value


def trusted_proxy_networks(values):
    from sharedservices.client_address import parse_networks

    try:
        return parse_networks(values)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {error}. List the proxies' addresses, separated by commas."
        ) from None


# Short socket timeouts: with Redis away, a request waits this long at most before being served
# uncached (sharedservices.page_cache), instead of hanging on an unanswered connection.
REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


def cache_config(redis_url, generation_dir):
    """Pages in local memory, or Redis shared by every server when REDIS_URL is set.

    The content generation (see sharedservices.page_cache) must be shared by
    every server process, so without Redis it lives in a file cache on this machine.
    """
    if redis_url:
        redis = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": REDIS_OPTIONS,
        }
        return {"default": {**redis, "KEY_PREFIX": "ssg"}, "generation": {**redis, "KEY_PREFIX": "ssg-gen"}}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ssg",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(generation_dir),
        },
    }
