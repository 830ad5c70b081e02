#!/usr/bin/env bash
# The buffering proxy in front of gunicorn (deploy/nginx/) is Debian's nginx. Install it
# when it is missing and we are root; otherwise say exactly how. The project never uses
# or changes the system-wide nginx: scripts/nginx_proxy.py runs an instance of its own.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nginx package for the proxy in front of gunicorn"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get -o DPkg::Lock::Timeout=300 install -y -qq nginx >/dev/null; then
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq nginx >/dev/null
  fi
  exit 0
fi
echo "The proxy in front of gunicorn needs nginx. Install with: sudo apt-get install nginx" >&2
exit 1
