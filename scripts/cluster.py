#!/usr/bin/env python3
"""The production topology on one machine: `make cluster`.

    scripts/cluster.py [--apps 2] [--listen 127.0.0.1:8000] [--replica-delay-ms 0]

It starts, in this order, and stops again on Ctrl-C:

- a PostgreSQL primary (port 55432) and a streaming replica of it (port 55433), two
  clusters of the project's own under .cluster/ (the first run makes them: initdb, then
  pg_basebackup from the primary), run as the `postgres` user;
- the schema and the demo content on the primary (database ssg_cluster);
- --apps gunicorn processes (gunicorn.conf.py), each with the settings a deployment uses:
  DATABASE_URL (the primary), DATABASE_REPLICA_URL (the replica), REDIS_URL (the machine's
  Redis, a database of its own: CLUSTER_REDIS_URL, default redis://127.0.0.1:6379/12);
- nginx (deploy/nginx/, --cache) in front of them on --listen: it buffers, balances across
  the app servers, logs every request, and keeps pages to send while the app cannot answer.

The machine's own PostgreSQL (5432) is never touched: it has no replication set up and is
shared, so the primary and replica are clusters of their own, on their own ports.
tests/sharedservices/test_cluster.py and bench/cluster_bench.py drive the same class.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DEFAULT_DIRECTORY = ROOT / ".cluster"
DATABASE = "ssg_cluster"
PRIMARY_SETTINGS = """
# Written by scripts/cluster.py: the primary of the project's local topology.
listen_addresses = '127.0.0.1'
unix_socket_directories = '{run}'
wal_level = replica
max_wal_senders = 5
wal_keep_size = 256MB
hot_standby = on
max_connections = 100
"""


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(command, **kwargs):
    """Run a PostgreSQL program as the `postgres` user (initdb and the server refuse to run as root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603


def answers(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own loopback address
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_for(check, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {seconds} s")


class Postgres:
    """One local PostgreSQL cluster (a data directory and a port) run as the postgres user."""

    def __init__(self, directory, name, port, primary=None):
        self.data = directory / name
        self.log = directory / f"{name}.log"
        self.port = port
        self.run_dir = directory / "run"
        # A replica is told its primary's address each time it starts, so either may move to another port.
        self.primary = primary

    @property
    def exists(self):
        return (self.data / "PG_VERSION").exists()

    def url(self, database=DATABASE):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def running(self):
        return (
            subprocess.run(  # noqa: S603
                [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"], check=False
            ).returncode
            == 0
        )

    def start(self):
        if self.running():
            return
        options = f"-p {self.port}"
        if self.primary:
            options += f" -c primary_conninfo='host=127.0.0.1 port={self.primary.port} user=postgres'"
        pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60"]
        as_postgres([*pg_ctl, "-o", options, "start"])

    def stop(self):
        if self.exists and (self.data / "postmaster.pid").exists():
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop"])

    def sql(self, statement, params=None, database="postgres"):
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(statement, params)
            row = cursor.fetchone() if cursor.description else None
        return row[0] if row else None


class Cluster:
    """nginx → app servers → Redis + PostgreSQL primary + streaming replica, all on this machine."""

    def __init__(self, directory=DEFAULT_DIRECTORY, apps=2, listen=None, redis_url=None, primary_port=55432,
                 replica_port=55433, workers=2, database=DATABASE):  # fmt: skip
        self.directory = Path(directory).resolve()
        self.primary = Postgres(self.directory, "primary", primary_port)
        self.replica = Postgres(self.directory, "replica", replica_port, primary=self.primary)
        self.database = database
        self.app_count, self.workers = apps, workers
        self.listen = listen or f"127.0.0.1:{free_port()}"
        self.redis_url = redis_url or os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/12")
        self.apps = {}
        self.app_ports = [free_port() for _ in range(apps)]
        self.proxy = None
        secret_file = self.directory / "secret-key"
        self.directory.mkdir(parents=True, exist_ok=True)
        if not secret_file.exists():
            secret_file.write_text(secrets.token_urlsafe(50))
        self.secret_key = secret_file.read_text().strip()

    @property
    def url(self):
        return f"http://{self.listen}"

    # PostgreSQL -------------------------------------------------------------------------------

    def prepare_directory(self):
        self.directory.chmod(0o755)
        self.primary.run_dir.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.primary.run_dir, "postgres", "postgres")
            for log_file in (self.primary.log, self.replica.log):
                log_file.touch()
                shutil.chown(log_file, "postgres", "postgres")

    def data_directory(self, server):
        """An empty data directory only the postgres user can read (PostgreSQL refuses any other)."""
        shutil.rmtree(server.data, ignore_errors=True)
        server.data.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(server.data, "postgres", "postgres")

    def make_primary(self):
        log(f"Making the primary in {self.primary.data} (initdb)…")
        self.data_directory(self.primary)
        as_postgres(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(self.primary.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-instructions",
            ]  # fmt: skip
        )
        settings = PRIMARY_SETTINGS.format(run=self.primary.run_dir)
        as_postgres(["sh", "-c", f"cat >> '{self.primary.data / 'postgresql.conf'}'"], input=settings)

    def make_replica(self):
        log(f"Making the streaming replica in {self.replica.data} (pg_basebackup from the primary)…")
        self.data_directory(self.replica)
        as_postgres(
            [
                str(PG_BIN / "pg_basebackup"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.primary.port),
                "-U",
                "postgres",
                "-D",
                str(self.replica.data),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ]  # fmt: skip
        )

    def start_databases(self):
        self.prepare_directory()
        if not self.primary.exists:
            self.make_primary()
        self.primary.start()
        if not self.primary.sql("SELECT 1 FROM pg_database WHERE datname = %s", [self.database]):
            from psycopg import sql

            self.primary.sql(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.database)))
        if not self.replica.exists:
            self.make_replica()
        self.replica.start()
        wait_for(lambda: self.replica.sql("SELECT pg_is_in_recovery()"), "the replica's recovery")

    def set_replica_delay(self, milliseconds):
        """Hold the replica behind the primary on purpose (recovery_min_apply_delay), or 0 for none."""
        from psycopg import sql

        delay = sql.Literal(f"{int(milliseconds)}ms")
        self.replica.sql(sql.SQL("ALTER SYSTEM SET recovery_min_apply_delay = {}").format(delay))
        self.replica.sql("SELECT pg_reload_conf()")

    def replica_lag_bytes(self):
        primary_at = self.primary.sql("SELECT pg_current_wal_lsn()::text")
        return self.replica.sql("SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())::bigint", [primary_at])

    # The app ----------------------------------------------------------------------------------

    def app_env(self, **extra):
        """The settings a deployment uses (README: "Running it as production does"), over plain HTTP here."""
        env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE", "DEBUG")}
        env.update(
            DEBUG="false",
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            SECURE_COOKIES="false",
            SECURE_HSTS_SECONDS="0",
            TRUSTED_PROXIES="127.0.0.1",
            DATABASE_URL=self.primary.url(self.database),
            DATABASE_REPLICA_URL=self.replica.url(self.database),
            REDIS_URL=self.redis_url,
            PAGE_CACHE_ENABLED="true",
            LOG_LEVEL="WARNING",
        )
        env.update(extra)
        return env

    def manage(self, *arguments, **extra_env):
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *arguments], cwd=ROOT, env=self.app_env(**extra_env), check=True,
            capture_output=True, text=True, timeout=1800,
        )  # fmt: skip

    def load_content(self):
        log("Migrating the primary and loading the demo content…")
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("load_demo_content")
        self.manage("collectstatic", "--no-input", "-v", "0")

    def start_app(self, number, **extra_env):
        port = self.app_ports[number]
        log_file = (self.directory / f"app-{number}.log").open("a")
        self.apps[number] = subprocess.Popen(  # noqa: S603
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "sharedservices.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.workers),
            ],  # fmt: skip
            cwd=ROOT,
            env=self.app_env(**extra_env),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/healthz") == 200, f"app server {number}")

    def stop_app(self, number, sig=signal.SIGTERM):
        process = self.apps.pop(number, None)
        if process and process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def start_proxy(self, upstreams=None):
        upstreams = upstreams or [f"127.0.0.1:{port}" for port in self.app_ports]
        command = [sys.executable, str(ROOT / "scripts" / "nginx_proxy.py"), "--listen", self.listen, "--cache",
                   "--workers", "2", "--prefix", str(self.directory / "nginx")]  # fmt: skip
        for upstream in upstreams:
            command += ["--upstream", upstream]
        shutil.rmtree(self.directory / "nginx" / "page_cache", ignore_errors=True)
        self.proxy = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)  # noqa: S603
        wait_for(lambda: answers(self.url + "/healthz") == 200, "nginx")

    def stop_proxy(self):
        if self.proxy and self.proxy.poll() is None:
            os.killpg(self.proxy.pid, signal.SIGQUIT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proxy.wait(timeout=20)
            if self.proxy.poll() is None:
                os.killpg(self.proxy.pid, signal.SIGKILL)
                self.proxy.wait(timeout=10)
        self.proxy = None

    def flush_redis(self):
        import redis

        client = redis.Redis.from_url(self.redis_url)
        client.flushdb()
        client.close()

    # The whole -------------------------------------------------------------------------------

    def up(self, load=True):
        self.start_databases()
        if load:
            self.load_content()
        self.flush_redis()
        for number in range(self.app_count):
            self.start_app(number)
        self.start_proxy()

    def down(self, databases=True):
        self.stop_proxy()
        for number in list(self.apps):
            self.stop_app(number)
        if databases:
            self.replica.stop()
            self.primary.stop()


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apps", type=int, default=2, help="gunicorn processes behind the proxy (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="sync workers in each (default 2)")
    parser.add_argument("--listen", default=os.environ.get("CLUSTER_LISTEN", "127.0.0.1:8000"))
    parser.add_argument("--replica-delay-ms", type=int, default=0, help="hold the replica this far behind")
    parser.add_argument("--directory", type=Path, default=DEFAULT_DIRECTORY)
    args = parser.parse_args()
    cluster = Cluster(args.directory, apps=args.apps, listen=args.listen, workers=args.workers)
    signal.signal(signal.SIGTERM, interrupted)
    try:
        cluster.up()
        cluster.set_replica_delay(args.replica_delay_ms)
        log(
            f"\nThe portal: {cluster.url}\n"
            f"  nginx (buffering proxy, access log and kept pages in {cluster.directory / 'nginx'})\n"
            f"  {args.apps} app servers (gunicorn, {args.workers} workers each) on "
            + ", ".join(f"127.0.0.1:{port}" for port in cluster.app_ports)
            + f"\n  PostgreSQL primary 127.0.0.1:{cluster.primary.port}, streaming replica "
            f"127.0.0.1:{cluster.replica.port} (replay delay {args.replica_delay_ms} ms)\n"
            f"  Redis {cluster.redis_url}\nCtrl-C stops it all."
        )
        while all(process.poll() is None for process in [cluster.proxy, *cluster.apps.values()]):
            time.sleep(1)
        log("A process stopped: stopping the rest.")
    except KeyboardInterrupt:
        log("Stopping…")
    except (RuntimeError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or ""
        log(f"The cluster could not start: {error}\n{detail[-3000:]}")
        cluster.down()
        sys.exit(1)
    cluster.down()


if __name__ == "__main__":
    main()
