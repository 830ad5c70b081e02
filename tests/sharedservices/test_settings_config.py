from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sharedservices import config
from sharedservices.env import env_bool, env_int, env_list

BASE = Path("/srv/portal")


def test_sqlite_is_the_default_database_when_database_url_is_unset():
    db = config.database_config({}, BASE)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == "/srv/portal/db.sqlite3"


def test_postgres_url_gives_postgresql_with_a_connection_pool():
    db = config.database_config({"DATABASE_URL": "postgres://guide:pw@db.internal:5433/guidance"}, BASE)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.internal", 5433, "guidance", "guide")
    assert db["OPTIONS"]["pool"]["max_size"] >= 1
    # Django refuses persistent connections alongside a pool.
    assert db["CONN_MAX_AGE"] == 0


def test_unknown_database_scheme_is_refused_with_a_message():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        config.database_config({"DATABASE_URL": "nosuchdb://x/y"}, BASE)


def test_production_without_secret_key_is_refused_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        config.secret_key({}, debug=False)


def test_production_with_the_local_or_a_short_secret_key_is_refused():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        config.secret_key({"SECRET_KEY": config.LOCAL_SECRET_KEY}, debug=False)
    with pytest.raises(ImproperlyConfigured, match="50 characters"):
        config.secret_key({"SECRET_KEY": "short"}, debug=False)


def test_local_debug_gets_a_safe_default_secret_key():
    assert config.secret_key({}, debug=True) == config.LOCAL_SECRET_KEY


def test_production_without_allowed_hosts_is_refused_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        config.allowed_hosts([], debug=False)


def test_allowed_hosts_default_to_this_machine_only_in_debug():
    assert config.allowed_hosts([], debug=True) == ["127.0.0.1", "localhost", "[::1]", "testserver"]
    assert config.allowed_hosts(["guidance.example.gov.uk"], debug=False) == ["guidance.example.gov.uk"]


def test_env_bool_rejects_anything_but_true_or_false():
    assert env_bool("DEBUG", False, {"DEBUG": "true"}) is True
    assert env_bool("DEBUG", True, {"DEBUG": "False"}) is False
    assert env_bool("DEBUG", True, {}) is True
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})


def test_env_list_and_env_int_parse_values():
    assert env_list("HOSTS", [], {"HOSTS": "a.example, b.example,"}) == ["a.example", "b.example"]
    assert env_int("SIZE", 7, {"SIZE": "42"}) == 42
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("SIZE", 7, {"SIZE": "lots"})


def test_redis_url_switches_the_caches_to_redis():
    local = config.cache_config("", Path("/tmp/gen"))
    assert local["default"]["BACKEND"].endswith("LocMemCache")
    # Without Redis the content generation is still shared by every process on the machine.
    assert local["generation"]["BACKEND"].endswith("FileBasedCache")
    shared = config.cache_config("redis://127.0.0.1:6379/1", Path("/tmp/gen"))
    for alias in ("default", "generation"):
        assert shared[alias]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert shared[alias]["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert shared["default"]["KEY_PREFIX"] != shared["generation"]["KEY_PREFIX"]


def test_redis_answers_within_a_second_or_the_page_is_served_uncached():
    options = config.cache_config("redis://cache.internal:6379/0", BASE)["default"]["OPTIONS"]
    assert options["socket_connect_timeout"] <= 1 and options["socket_timeout"] <= 1


@pytest.mark.parametrize("value", ["guidance", "/guidance/", "//guidance"])
def test_a_malformed_script_name_is_refused_with_a_message(value):
    with pytest.raises(ImproperlyConfigured, match="SCRIPT_NAME"):
        config.script_name(value)


def test_the_script_name_is_empty_unless_configured():
    assert config.script_name("") == "" and config.script_name("/guidance") == "/guidance"


def test_trusted_proxies_are_addresses_or_networks_and_anything_else_is_refused():
    networks = config.trusted_proxy_networks(["127.0.0.1", "10.0.0.0/8"])
    assert [str(network) for network in networks] == ["127.0.0.1/32", "10.0.0.0/8"]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES: 'proxy.internal'"):
        config.trusted_proxy_networks(["proxy.internal"])


def test_postgres_connections_prepare_only_what_asks_and_plan_it_once_keeping_given_options():
    db = config.database_config(
        {"DATABASE_URL": "postgres://guide@db.internal/guidance?options=-c%20work_mem%3D8MB"}, BASE
    )
    assert db["OPTIONS"]["prepare_threshold"] == config.PREPARE_ONLY_WHEN_ASKED
    assert db["OPTIONS"]["options"] == "-c work_mem=8MB -c plan_cache_mode=force_generic_plan"
