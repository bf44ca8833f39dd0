# Coordo: `make demo` runs the demo on SQLite; `make test` runs the whole suite.
SHELL := /bin/sh
UV := $(shell ./scripts/bootstrap-uv.sh)
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/coordo
# A streaming standby of that server (scripts/replica-cluster.sh): the reports and figures read there.
REPLICA_URL ?= postgres://postgres@127.0.0.1:5433/coordo
# pytest-xdist: one worker per core (each has its own test database); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --dist load

.PHONY: demo install install-dev system-deps lint test test-sqlite test-postgres migrate messages benchmark clean

install:
	$(UV) sync --frozen --no-dev

install-dev:
	$(UV) sync --frozen

migrate:
	$(PY) manage.py migrate --noinput

demo: install migrate
	$(PY) manage.py load_demo
	$(PY) manage.py rundemo 127.0.0.1:8000

# Chromium drives the browser tests; gettext checks that every string is in the catalogues;
# poppler-utils (pdftotext, pdffonts) reads the text of generated PDFs in the tests.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v msgfmt >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext poppler-utils; \
	  else echo "Install chromium, gettext and poppler-utils (apt-get install chromium gettext poppler-utils) to run the tests."; exit 1; fi; \
	fi

lint: install-dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	.venv/bin/mypy coordo config

test-sqlite: install-dev system-deps
	$(PYTEST)

test-postgres: install-dev system-deps
	COORDO_DATABASE_URL=$(POSTGRES_URL) $(PYTEST)
	@if pg_isready -q -h 127.0.0.1 -p 5433 2>/dev/null; then \
	  COORDO_DATABASE_URL=$(POSTGRES_URL) COORDO_REPLICA_DATABASE_URL=$(REPLICA_URL) \
	    $(PY) -m pytest -n 0 -p no:cacheprovider tests/test_replica.py; \
	else echo "No replica on 127.0.0.1:5433 (scripts/replica-cluster.sh makes one): tests/test_replica.py skipped."; fi

# The suite runs on SQLite, and again on PostgreSQL when COORDO_TEST_POSTGRES is set (CI sets it).
test: lint test-sqlite
	@if [ -n "$$COORDO_TEST_POSTGRES" ]; then $(MAKE) --no-print-directory test-postgres; fi

# Refresh locale/ from the code and compile it; then translate what it reports as to do.
messages: install-dev
	$(PY) manage.py update_messages

clean:
	rm -rf .venv .tools var
