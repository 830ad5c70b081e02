"""Readers' pages from a streaming replica: which reads go there, and never from a replica behind the generation."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection

from faq.models import Question
from sharedservices import config, page_cache, replica
from sharedservices.replica import ReplicaRouter, reading_as_of

PRIMARY_URL = "postgres://app@primary.internal:5432/guidance"


class FakeCursor:
    def __init__(self, answer):
        self.answer, self.executed = answer, []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql, params=None):
        self.executed.append((sql, params))
        if isinstance(self.answer, Exception):
            raise self.answer

    def fetchone(self):
        return (self.answer,)


class FakeConnection:
    def __init__(self, answer):
        self.cursor_made = FakeCursor(answer)
        self.closed = 0

    def cursor(self):
        return self.cursor_made

    def close(self):
        self.closed += 1


@pytest.fixture
def fake_replica(monkeypatch):
    """A replica alias answering `replayed` (True, False or an error) when asked how far it has replayed."""

    def install(answer):
        fake = FakeConnection(answer)

        class Connections(dict):
            databases = {"default": {}, "replica": {}}

        monkeypatch.setattr(replica, "connections", Connections(replica=fake))
        monkeypatch.setattr(replica, "replica_health", replica.ReplicaHealth())
        return fake

    return install


def test_without_a_marked_request_every_read_and_write_goes_to_the_primary():
    router = ReplicaRouter()
    assert router.db_for_read(Question) == "default"
    assert router.db_for_write(Question) == "default"
    assert router.allow_migrate("default", "faq") and not router.allow_migrate("replica", "faq")


def test_a_readers_page_reads_from_a_replica_that_has_replayed_the_generation(fake_replica):
    fake = fake_replica(True)
    with reading_as_of("0/3000148") as alias:
        assert alias == "replica"
        assert ReplicaRouter().db_for_read(Question) == "replica"
        assert ReplicaRouter().db_for_write(Question) == "default"
    assert ReplicaRouter().db_for_read(Question) == "default"
    sql, params = fake.cursor_made.executed[0]
    assert "pg_last_wal_replay_lsn() >= %s::pg_lsn" in sql and params == ["0/3000148"]


def test_a_replica_behind_the_generation_is_not_read_from(fake_replica):
    fake_replica(False)
    with reading_as_of("0/3000148") as alias:
        assert alias == "default"
        assert ReplicaRouter().db_for_read(Question) == "default"


def test_a_generation_without_a_recorded_position_is_read_from_the_primary(fake_replica):
    fake = fake_replica(True)
    with reading_as_of(None) as alias:
        assert alias == "default"
    assert fake.cursor_made.executed == []


def test_a_replica_that_does_not_answer_is_left_alone_for_a_second(fake_replica, monkeypatch):
    fake = fake_replica(OperationalError("connection refused"))
    now = [1000.0]
    monkeypatch.setattr(replica.time, "monotonic", lambda: now[0])
    with reading_as_of("0/1") as alias:
        assert alias == "default"
    assert fake.closed == 1
    with reading_as_of("0/1") as alias:
        assert alias == "default"
    assert len(fake.cursor_made.executed) == 1  # not asked again within the second
    now[0] += replica.RETRY_SECONDS
    fake.cursor_made.answer = True
    with reading_as_of("0/1") as alias:
        assert alias == "replica"
    assert not replica.replica_health.down


def test_without_a_replica_nothing_is_asked_and_the_primary_is_read():
    with reading_as_of("0/1") as alias:
        assert alias == "default"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a replica, and a WAL position, are PostgreSQL's")
def test_a_new_generation_records_the_primarys_wal_position_when_there_is_a_replica(monkeypatch):
    assert page_cache.content_changed_now()["lsn"] is None
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    position = page_cache.content_changed_now()["lsn"]
    high, low = position.split("/")
    assert int(high, 16) >= 0 and int(low, 16) > 0


def test_the_replica_setting_adds_a_quick_giving_up_pool_mirrored_in_tests():
    environ = {"DATABASE_URL": PRIMARY_URL, "DATABASE_REPLICA_URL": "postgres://app@replica.internal:5433/guidance"}
    primary = config.database_config(environ, None)
    found = config.replica_config(environ, primary)
    assert (found["HOST"], found["PORT"]) == ("replica.internal", 5433)
    assert found["OPTIONS"]["pool"]["timeout"] == 0.5
    assert found["TEST"] == {"MIRROR": "default"}
    assert config.replica_config({"DATABASE_URL": PRIMARY_URL}, primary) is None


@pytest.mark.parametrize(
    ("primary_url", "replica_url"),
    [("", "postgres://app@replica.internal/guidance"), (PRIMARY_URL, "sqlite:///replica.sqlite3")],
)
def test_a_replica_is_refused_unless_both_databases_are_postgresql(tmp_path, primary_url, replica_url):
    environ = {"DATABASE_URL": primary_url, "DATABASE_REPLICA_URL": replica_url}
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL"):
        config.replica_config(environ, config.database_config(environ, tmp_path))
