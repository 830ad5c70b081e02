#!/usr/bin/env python3
"""Run Debian's nginx as the buffering proxy in front of gunicorn, as an unprivileged process.

    scripts/nginx_proxy.py --upstream 127.0.0.1:8001 [--upstream HOST:PORT ...] [--listen 127.0.0.1:8000] [--cache]

It writes deploy/nginx/nginx.conf.template, filled in, into a prefix directory of its
own (--prefix, or a new temporary one), checks it with `nginx -t`, prints the address it
listens on, and becomes nginx in the foreground (stop it with SIGTERM or SIGQUIT). It
never reads or changes the system's nginx configuration. Started as root, it runs nginx
as `nobody`. Without --listen it picks a free port on 127.0.0.1.
"""

import argparse
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "nginx.conf.template"
TEMP_DIRS = ("client_body_temp", "proxy_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp")
UNPRIVILEGED_USER = "nobody"


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    subprocess.run([str(ROOT / "scripts" / "ensure-nginx.sh")], check=True)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def free_address():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"


# With --cache: nginx keeps every page the app marks public (Cache-Control: public, s-maxage) but, while the
# app answers, always asks it (the app's own cache is exact: a page is never older than the last publish).
# When no app server can answer (502, 504) or the app cannot reach the database (503), nginx sends the copy it
# kept, however old, and a clear 503 for pages it never kept.
CACHE_HTTP = """
    map $http_accept_encoding $page_encoding {
        default identity;
        ~*gzip gzip;
    }
    proxy_cache_path {{PREFIX}}/page_cache levels=1:2 keys_zone=pages:10m max_size=1g inactive=7d use_temp_path=off;
"""
CACHE_LOCATION = """            proxy_cache pages;
            proxy_cache_key $scheme$host$request_uri$page_encoding;
            proxy_cache_bypass 1;
            proxy_intercept_errors on;
            error_page 502 503 504 = @kept;
            add_header X-Proxy-Cache $upstream_cache_status always;"""
CACHE_FALLBACK = """
        # The app cannot answer: the kept copy of the page, or the app's (or nginx's) 503 without one.
        location @kept {
            proxy_pass http://portal;
            proxy_cache pages;
            proxy_cache_key $scheme$host$request_uri$page_encoding;
            proxy_cache_use_stale error timeout http_500 http_502 http_503 http_504;
            proxy_connect_timeout 1s;
            add_header X-Proxy-Cache $upstream_cache_status always;
        }"""


def render(prefix, listen, upstreams, workers, cache=False):
    servers = "\n".join(f"        server {upstream} max_fails=0;" for upstream in upstreams)
    values = {
        "CACHE_HTTP": CACHE_HTTP if cache else "",
        "CACHE_LOCATION": CACHE_LOCATION if cache else "",
        "CACHE_FALLBACK": CACHE_FALLBACK if cache else "",
        "PREFIX": str(prefix),
        "LISTEN": listen,
        "UPSTREAM_SERVERS": servers,
        "WORKERS": str(workers),
    }
    config = TEMPLATE.read_text()
    for name, value in values.items():
        config = config.replace("{{" + name + "}}", value)
    return config


def drop_privileges(prefix):
    """Started as root: hand the prefix to an unprivileged user and become that user before nginx starts."""
    if os.geteuid() != 0:
        return
    user = pwd.getpwnam(UNPRIVILEGED_USER)
    for path in [prefix, *prefix.rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid)
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", action="append", required=True, help="a gunicorn address, HOST:PORT")
    parser.add_argument("--listen", default=None, help="address to listen on (default: a free port on 127.0.0.1)")
    parser.add_argument("--prefix", type=Path, default=None, help="nginx's own directory (default: a new one)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--cache", action="store_true", help="keep reader pages and send them when the app cannot answer"
    )
    args = parser.parse_args()

    nginx = nginx_binary()
    prefix = (args.prefix or Path(tempfile.mkdtemp(prefix="ssg-nginx-"))).resolve()
    prefix.mkdir(parents=True, exist_ok=True)
    prefix.chmod(0o755)
    for name in (*TEMP_DIRS, "page_cache"):
        (prefix / name).mkdir(exist_ok=True)
    listen = args.listen or free_address()
    config = prefix / "nginx.conf"
    config.write_text(render(prefix, listen, args.upstream, args.workers, cache=args.cache))
    drop_privileges(prefix)

    command = [nginx, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")]
    check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        sys.exit(f"nginx refused the configuration in {config}:\n{check.stderr.strip()}")
    print(f"nginx proxy listening on http://{listen} (prefix {prefix})", flush=True)
    os.execv(nginx, [*command, "-g", "daemon off;"])  # noqa: S606 - becomes nginx, so signals reach it


if __name__ == "__main__":
    main()
