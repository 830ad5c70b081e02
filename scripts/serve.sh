#!/usr/bin/env bash
# Runs the portal the way production does: DEBUG off, gunicorn (gunicorn.conf.py) on a
# loopback port only, the buffering nginx proxy (deploy/nginx/) in front of it on
# HOST:PORT, static files collected with hashed names and compressed, served by WhiteNoise.
# Locally it makes up a SECRET_KEY (kept in .serve-secret-key) if none is set.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

export DEBUG=false
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s .serve-secret-key ] || $PY -c 'import secrets; print(secrets.token_urlsafe(50))' > .serve-secret-key
  SECRET_KEY="$(cat .serve-secret-key)"
  export SECRET_KEY
fi
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain HTTP on this machine: no HTTPS redirect or secure-only cookies (production keeps both on).
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}" SECURE_COOKIES="${SECURE_COOKIES:-false}" SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"
# The proxy runs on this machine: believe the client address it passes on, from it alone.
export TRUSTED_PROXIES="${TRUSTED_PROXIES:-127.0.0.1}"

./scripts/ensure-nginx.sh
$PY manage.py collectstatic --no-input --clear -v 0
$PY manage.py migrate --no-input
$PY manage.py load_demo_content
$PY manage.py rebuild_search_index

APP_PORT="${APP_PORT:-$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
.venv/bin/gunicorn sharedservices.wsgi --config gunicorn.conf.py --bind "127.0.0.1:$APP_PORT" &
app=$!
$PY scripts/nginx_proxy.py --upstream "127.0.0.1:$APP_PORT" --listen "${HOST:-127.0.0.1}:${PORT:-8000}" --prefix "${NGINX_PREFIX:-.nginx}" &
proxy=$!
trap 'kill "$app" "$proxy" 2>/dev/null || true; wait' EXIT INT TERM
# When either stops, stop the other.
wait -n "$app" "$proxy"
