# Loa — the two commands a new machine needs are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
BIN     := $(VENV)/bin
LOA     := $(BIN)/loa
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

# Loa needs Python 3.12 or newer (vietnam-provinces requires it). Look on PATH, then in pyenv.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 \
	$$(ls -d $$(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V -r) python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    command -v $$p; break; fi; done)

.PHONY: help venv system-deps messages db demo serve test lint typecheck importlint djangocheck \
	pytest pytest-sqlite pytest-postgres browser-deps bench-small pg-start pg-stop lock clean

help:
	@echo "make demo   build everything, load units and the seed plans, serve on http://$(HOST):$(PORT)"
	@echo "make test   install what the tests need, then lint, type-check and run the whole suite"
	@echo "make prod-local / prod-local-stop   Loa as in production (nginx, gunicorn, worker, PostgreSQL) on http://127.0.0.1:$(PROD_LOCAL_PORT)"

$(STAMP): pyproject.toml requirements/lock.txt
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Loa needs Python 3.12 or newer and none was found (looked for python3.12+ on PATH and in pyenv)."; \
	  echo "Install one (e.g. 'pyenv install 3.12') or run: make PYTHON=/path/to/python3.12 …"; exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements/lock.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages, installed when missing: gettext compiles the English catalogue; LibreOffice
# (no GUI) turns the .docx of plans and reports into PDF, printing Times New Roman with the
# metric-compatible Liberation Serif; Poppler's pdftoppm renders PDF previews (docs/adr/0007).
LIBERATION_SERIF := /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf

system-deps:
	@missing=""; command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	[ -f $(LIBERATION_SERIF) ] || missing="$$missing fonts-liberation2"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -ne 0 ]; then \
	    echo "Please install:$$missing (apt-get install --no-install-recommends$$missing)"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

# Playwright cannot download its own browser here; the browser tests drive Debian's Chromium.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" -ne 0 ]; then echo "Please install: chromium (apt-get install chromium)"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

messages: venv system-deps
	cd src/loa && ../../$(LOA) compilemessages -v 0 --ignore '.venv'

db: messages
	@mkdir -p var
	$(LOA) migrate -v 0
	$(LOA) units load

demo: db
	$(LOA) demo
	@echo "Today's reminders (the daily job; mail goes to this console in the demo):"
	$(LOA) reminders
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C stops the server and the background worker)"
	@$(LOA) db_worker --interval 0.5 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(LOA) runserver $(HOST):$(PORT) --noreload

serve: venv
	@$(LOA) db_worker --interval 0.5 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(LOA) runserver $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: venv
	$(BIN)/mypy

importlint: venv
	$(BIN)/lint-imports

djangocheck: messages
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=loa.config.settings.test $(LOA) check
	DJANGO_SETTINGS_MODULE=loa.config.settings.test $(LOA) makemigrations --check --dry-run -v 1

pytest-sqlite: messages browser-deps
	$(BIN)/pytest -q -n 2

pg-start:
	LOA_PG_FAST=1 bash scripts/pg.sh start

pg-stop:
	bash scripts/pg.sh stop

pytest-postgres: messages browser-deps pg-start
	@status=0; LOA_DATABASE_URL=$$(bash scripts/pg.sh url) $(BIN)/pytest -q -n 2 || status=$$?; \
	  bash scripts/pg.sh stop >/dev/null; exit $$status

# Dashboards, API and an HTTP load test (gunicorn + wrk) on `loa generate --scale small` in a
# throwaway SQLite database (~20 s to build). The load test runs on SQLite too: at this size
# it checks that the pages and the activity form hold under 20 clients and that every logged
# activity is stored; the figures that count come from PostgreSQL at national scale.
bench-small: venv system-deps
	bench/import_accuracy.sh
	$(BIN)/python bench/import_speed.py --count 50
	$(BIN)/python bench/report_speed.py --communes 2 --runs 1
	@mkdir -p var && rm -f var/bench-small.sqlite3 var/bench-small.sqlite3-wal var/bench-small.sqlite3-shm
	export LOA_DATABASE_URL=sqlite:///$(CURDIR)/var/bench-small.sqlite3; \
	  $(LOA) migrate -v 0 && $(LOA) units load >/dev/null && \
	  $(LOA) generate --scale small --seed 1 >/dev/null && \
	  $(BIN)/python bench/dashboards.py --runs 3 && \
	  $(BIN)/python bench/http_load.py --small

# The benchmarks run first at a small size so the suite's summary is the last thing printed.
test: lint typecheck importlint djangocheck bench-small pytest-sqlite pytest-postgres prod-local-test

# Re-pin every dependency after changing pyproject.toml (needs the registry).
lock:
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e ' > requirements/lock.txt

clean:
	rm -rf $(VENV) var/static var/pg

# Loa deployed as on a province's server, on this machine and 127.0.0.1 only (docs/deploy.md,
# "Try it on one machine"): PostgreSQL, gunicorn, the task worker and nginx, by
# scripts/prod-local.sh under var/prod. PROD_LOCAL_DEMO=1 also loads the demo data.
PROD_LOCAL_PORT ?= 8088
PROD_LOCAL_DEMO ?= 0
.PHONY: prod-local prod-local-stop prod-local-test

prod-local: messages
	PROD_LOCAL_PORT=$(PROD_LOCAL_PORT) PROD_LOCAL_DEMO=$(PROD_LOCAL_DEMO) bash scripts/prod-local.sh start

prod-local-stop:
	PROD_LOCAL_PORT=$(PROD_LOCAL_PORT) bash scripts/prod-local.sh stop

# The browser test through nginx, against an instance of its own with the demo data
# (var/prod-test, ports 8089 and 54341; its throwaway database skips fsync), stopped
# afterwards whatever the outcome.
PROD_TEST_ENV := PROD_LOCAL_DIR=var/prod-test PROD_LOCAL_PORT=8089 PROD_LOCAL_PG_PORT=54341

prod-local-test: messages browser-deps
	@status=0; \
	  { $(PROD_TEST_ENV) PROD_LOCAL_DEMO=1 LOA_PG_FAST=1 bash scripts/prod-local.sh start && \
	    LOA_PROD_LOCAL_URL=http://127.0.0.1:8089 LOA_PROD_LOCAL_MEDIA=$(CURDIR)/var/prod-test/data/media \
	    $(BIN)/pytest -q -n 0 -m prod_local tests/prod_local; } || status=$$?; \
	  $(PROD_TEST_ENV) bash scripts/prod-local.sh stop || { [ $$status -ne 0 ] || status=1; }; \
	  exit $$status
