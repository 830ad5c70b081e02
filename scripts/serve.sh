#!/usr/bin/env bash
# Runs the portal the way production does: DEBUG off, gunicorn, static files
# collected with hashed names and compressed, served by WhiteNoise.
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

$PY manage.py collectstatic --no-input --clear -v 0
$PY manage.py migrate --no-input
$PY manage.py load_demo_content
exec .venv/bin/gunicorn sharedservices.wsgi \
  --bind "${HOST:-127.0.0.1}:${PORT:-8000}" \
  --workers "${WEB_CONCURRENCY:-2}" \
  --access-logfile - \
  --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
