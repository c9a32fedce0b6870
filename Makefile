# Newsstand. `make run` sets everything up and serves http://127.0.0.1:8000; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= config.settings.base

.PHONY: run setup serve test lint typecheck check bench bench-search bench-ingest messages clean browser-tools screenshots

run: setup serve

$(STAMP): requirements/base.txt requirements/dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Newsstand needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

setup: $(STAMP) messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py load_demo

serve: $(STAMP)
	bin/serve

# Each catalog is compiled when its .po is newer than its .mo (a fresh clone has no .mo: all are compiled).
CATALOGS := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

messages: $(CATALOGS)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/pybabel compile --domain django --directory locale --locale $* --statistics

# The suite's processes (one per core) each import every module: with bytecode caches they compile it once, not
# on every run (some environments set PYTHONDONTWRITEBYTECODE; an empty value lets Python write them).
test: export PYTHONDONTWRITEBYTECODE :=
test: $(STAMP) messages browser-tools
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest -n auto --dist loadgroup

# axe-core for the browser tests' accessibility checks (npm), installed again only when package.json or its lock
# changes; without npm or Chromium those tests are skipped.
browser-tools: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; else echo "npm not found: browser accessibility tests will be skipped"; fi

screenshots: setup
	$(BIN)/python tools/screenshots.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/mypy .

check: lint typecheck test

bench: setup
	$(BIN)/python bench/pages.py

# PDF ingestion against the generated corpus and real publishers' PDFs (tools/pdf_corpus/real), beside pymupdf4llm; web import.
bench-ingest: $(STAMP)
	$(BIN)/python bench/ingest.py --editions $(or $(EDITIONS),12)
	$(BIN)/python bench/web_boilerplate.py

# Search over 1,000,000 generated stories on SQLite and PostgreSQL (BENCH_POSTGRES_URL); STORIES=… for fewer.
bench-search: $(STAMP)
	$(BIN)/python bench/search.py --stories $(or $(STORIES),1000000)

clean:
	rm -rf $(VENV) var
