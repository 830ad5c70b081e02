# Shared Services Guidance. The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: screenshots run test install assets lint format migrations-check check test-python test-browser serve reset-local-db clean

## install: virtualenv, Python packages and built front-end assets
install: $(VENV)/.installed static/build/.built

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/build/.built: node_modules/.installed frontend/build.mjs $(wildcard frontend/scss/*.scss)
	npm run --silent build
	touch $@

assets: static/build/.built

## run: serve the portal with demo content at http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set)
run: install
	DEBUG=true $(MANAGE) migrate --no-input
	DEBUG=true $(MANAGE) load_demo_content
	DEBUG=true $(MANAGE) runserver $(HOST):$(PORT)

## serve: production-like: gunicorn, DEBUG off, hashed and compressed static files through WhiteNoise
serve: install
	HOST=$(HOST) PORT=$(PORT) ./scripts/serve.sh

## test: the whole suite: lint, Django checks, migrations check, Python and browser tests
test: install lint check migrations-check
	./scripts/ensure-browser.sh
	$(PY) -m pytest

test-python: install
	$(PY) -m pytest -m "not browser"

test-browser: install
	./scripts/ensure-browser.sh
	$(PY) -m pytest -m browser

## screenshots: every kind of page at 320, 768 and 1280 px, written to screenshots/
screenshots: install
	./scripts/ensure-browser.sh
	$(PY) scripts/screenshots.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=sharedservices.settings_test $(MANAGE) check --fail-level WARNING

migrations-check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=sharedservices.settings_test $(MANAGE) makemigrations --check --dry-run

## reset-local-db: delete the local SQLite database (demo content is reloaded by `make run`)
reset-local-db:
	rm -f db.sqlite3

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
