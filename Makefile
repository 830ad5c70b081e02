# Shared Services Guidance. The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: screenshots run test install assets lint format migrations-check check content-check test-python test-browser serve reset-local-db clean
.PHONY: check-slow-clients

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
	DEBUG=true $(MANAGE) rebuild_search_index
	DEBUG=true $(MANAGE) runserver $(HOST):$(PORT)

## serve: production-like: nginx in front of gunicorn, DEBUG off, hashed and compressed static files through WhiteNoise
serve: install
	HOST=$(HOST) PORT=$(PORT) ./scripts/serve.sh

## test: the whole suite: lint, Django checks, migrations check, content check, Python and browser tests
test: install lint check migrations-check content-check
	./scripts/ensure-browser.sh
	./scripts/ensure-nginx.sh
	$(PY) -m pytest

test-python: install
	./scripts/ensure-nginx.sh
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
	DJANGO_SETTINGS_MODULE=sharedservices.settings_test $(MANAGE) check --database default --fail-level WARNING

migrations-check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=sharedservices.settings_test $(MANAGE) makemigrations --check --dry-run

## content-check: the demo content against the writing guide's bars (sentence length, acronyms, dates, links, spelling)
content-check: $(VENV)/.installed
	$(PY) scripts/content_check.py

## reset-local-db: delete the local SQLite database (demo content is reloaded by `make run`)
reset-local-db:
	rm -f db.sqlite3

clean:
	rm -rf $(VENV) node_modules static/build staticfiles

## bench: reader-page benchmark on PostgreSQL (gunicorn, DEBUG off, wrk, nginx): 1,000 and 10,000 items by default;
## `make bench SIZES=1000,10000,100000` for the full run, BENCH_ARGS=--write-results to update bench/RESULTS.md;
## then bench/hit_cost.py: a cache hit's CPU against the startproject floor's, in-process
.PHONY: bench
SIZES ?= 1000,10000
BENCH_ARGS ?=
bench: install
	$(PY) bench/pages_bench.py --sizes $(SIZES) $(BENCH_ARGS)
	$(PY) bench/hit_cost.py $(if $(findstring --write-results,$(BENCH_ARGS)),--write-results,)

## bench-weight: bytes each benchmarked page costs a first and a return visit (after `make bench` built its database)
.PHONY: bench-weight
bench-weight: install
	$(PY) bench/page_weight.py --write-results

## bench-search: search latency on PostgreSQL at 1,000 / 10,000 / 100,000 items (a separate ssg_bench database);
## `make bench-search SEARCH_SIZES=1000,10000` for a quicker run, SEARCH_BENCH_ARGS=--write-results to update bench/RESULTS.md
.PHONY: bench-search test-search-sqlite test-open-sqlite test-directory-sqlite
SEARCH_SIZES ?= 1000,10000,100000
SEARCH_BENCH_ARGS ?=
bench-search: install
	$(PY) bench/search_bench.py --sizes $(SEARCH_SIZES) $(SEARCH_BENCH_ARGS)

## test-search-sqlite: the search tests on SQLite (FTS5), whatever DATABASE_URL says
test-search-sqlite: install
	env -u DATABASE_URL $(PY) -m pytest tests/search -q

## test-directory-sqlite: the directory's tests (its search, question page, downloads) on SQLite, whatever DATABASE_URL says
test-directory-sqlite: install
	env -u DATABASE_URL $(PY) -m pytest tests/directory -q

## test-open-sqlite: feedback, feeds, sitemap and API tests on SQLite, so what they never show is proven on both engines
test-open-sqlite: install
	env -u DATABASE_URL $(PY) -m pytest tests/feedback tests/feeds tests/api -q -m "not browser"

## search-eval: search relevance on the project's own query set (bench/relevance/queries.yaml), on fresh PostgreSQL
## (a separate ssg_search_eval database) and SQLite databases; SEARCH_EVAL_ARGS="--engine sqlite" for one engine,
## SEARCH_EVAL_ARGS='--write-results --heading "After …"' to record the run in bench/RESULTS.md
.PHONY: search-eval
SEARCH_EVAL_ARGS ?=
search-eval: $(VENV)/.installed
	$(PY) bench/search_eval.py $(SEARCH_EVAL_ARGS)
## check-slow-clients: the slow-header attack against gunicorn directly and behind the nginx proxy (bench/slow_clients.py)
check-slow-clients: install
	./scripts/ensure-nginx.sh
	$(PY) bench/slow_clients.py

## cluster: the production topology on this machine: nginx (proxy, kept pages) → 2 gunicorns → Redis, and a
## PostgreSQL primary with a streaming replica of its own under .cluster/ (ports 55432, 55433); Ctrl-C stops it
.PHONY: cluster
CLUSTER_ARGS ?=
cluster: install
	./scripts/ensure-nginx.sh
	$(PY) scripts/cluster.py --listen $(HOST):$(PORT) $(CLUSTER_ARGS)

## bench-cluster: the topology under load: req/s, p50/p99 through nginx with one and two app servers (uncached),
## cached, and during each fault (app server killed, replica, Redis, primary stopped); BENCH_ARGS=--write-results
.PHONY: bench-cluster
bench-cluster: install
	./scripts/ensure-nginx.sh
	$(PY) bench/cluster_bench.py $(BENCH_ARGS)

## bench-renders: each reader page but search rendered uncached in-process (median), at RENDER_SIZES items
.PHONY: bench-renders
RENDER_SIZES ?= 1000,100000
bench-renders: install
	$(PY) bench/pages_bench.py --renders-only --sizes $(RENDER_SIZES) $(BENCH_ARGS)
