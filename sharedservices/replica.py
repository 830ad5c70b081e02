"""Readers' pages from a PostgreSQL streaming replica, never older than the content generation they are cached under.

With DATABASE_REPLICA_URL set, the settings add a "replica" database and ReplicaRouter.
Everything reads from and writes to the primary ("default") unless a request is marked as
a reader's: only the page cache (sharedservices.page_cache) does that, for an anonymous
GET of a reader page it is about to render and store. The admin, previews, editors (who
carry a session cookie), forms, the API and every write use the primary.

A content generation records the primary's WAL position (LSN) at the change that started
it. Before a reader's page is rendered from the replica, the replica is asked how far it has
replayed: if it is behind the generation's position, the page is read from the primary
instead, so a page cached under a new generation is never built from data older than the
change that started it. A replica that does not answer is left alone for a second, and
reads go to the primary meanwhile.
"""

import contextlib
import contextvars
import logging
import threading
import time

from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"
# While the replica does not answer, each process asks it again at most this often.
RETRY_SECONDS = 1.0

_reading_from_replica = contextvars.ContextVar("reading_from_replica", default=False)


class ReplicaRouter:
    """Reads of a request marked as a reader's go to the replica; everything else to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading_from_replica.get() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: an object read from either may refer to one from the other.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


def replica_configured():
    return REPLICA in connections.databases


class ReplicaHealth:
    """Whether the replica answered when this process last asked; logs the first failure of an outage once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.down = False

    def usable(self):
        return not self.down or time.monotonic() >= self.retry_at

    def failed(self, error):
        with self.lock:
            first = not self.down
            self.down, self.retry_at = True, time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning("Read replica not answering (%s): reading from the primary until it answers", error)

    def answered(self):
        if self.down:
            with self.lock:
                self.down = False
            logger.warning("Read replica answering again")


replica_health = ReplicaHealth()


def primary_position():
    """The primary's current WAL position (an LSN such as '0/3000148'), or None without a replica or an answer."""
    if not replica_configured():
        return None
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return cursor.fetchone()[0]
    except DatabaseError:
        return None


def replica_has_replayed(position):
    """True when the replica answers and has replayed the primary's WAL at least as far as `position`."""
    if position is None or not replica_health.usable():
        return False
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
            replayed = bool(cursor.fetchone()[0])
    except DatabaseError as error:
        replica_health.failed(error)
        connections[REPLICA].close()
        return False
    replica_health.answered()
    return replayed


@contextlib.contextmanager
def reading_as_of(position):
    """Within the block, reads go to the replica if it has replayed as far as `position`; else to the primary."""
    if not replica_configured() or not replica_has_replayed(position):
        yield PRIMARY
        return
    marker = _reading_from_replica.set(True)
    try:
        yield REPLICA
    finally:
        _reading_from_replica.reset(marker)
