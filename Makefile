# CCM Portal. `make run` serves the portal; `make test` runs the tests.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Python 3.12 or newer: the first of python3.13, python3.12, pyenv's, python3 that qualifies.
PYTHON ?= $(shell scripts/find-python)

MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=bench --ignore=node_modules --ignore=var --ignore=staticfiles

.PHONY: messages run install chromium libreoffice test test-e2e screenshots backup restore lint lint-imports format migrations-check check-deploy audit worker beat bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed; none was found." >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

E2E_NODE := tests/e2e/node_modules/axe-core/axe.min.js

$(E2E_NODE): tests/e2e/package.json tests/e2e/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/e2e --no-audit --no-fund --silent; \
	  else echo "npm not found: the accessibility tests will fail until axe-core is installed" >&2; fi

# The interface in French and Spanish: catalogues compiled from locale/*/LC_MESSAGES/django.po
# with GNU gettext's msgfmt (installed here if missing, as make bench installs wrk).
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y gettext || { apt-get update && apt-get install -y gettext; }; \
	  else echo "the translations need GNU gettext: sudo apt-get install -y gettext (Debian/Ubuntu) or brew install gettext" >&2; exit 1; fi; }
	msgfmt --check -o $@ $<

install: $(STAMP) $(E2E_NODE) $(MO)
	@mkdir -p var

# Extract the interface's strings into the French and Spanish catalogues (then translate the
# new entries: CI fails on an untranslated or fuzzy one).
messages: install
	$(PY) manage.py makemessages -l fr -l es $(MESSAGES_IGNORE)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_ccm_data
	$(PY) manage.py create_demo_accounts
	@echo "Serving on http://127.0.0.1:$(PORT)/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests (tests/e2e), installed here as `make bench` installs wrk:
# with apt-get when run as root, otherwise a message (the browser tests are then skipped, with the
# reason). CHROMIUM_PATH points the tests at another Chromium. The fonts the PDFs need are bundled
# (static/pdf/fonts/), so nothing else is installed on the system.
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH
chromium:
	@test -x "$(CHROMIUM_PATH)" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -qq --no-install-recommends chromium \
	      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }; \
	  else echo "Chromium not found at $(CHROMIUM_PATH): the browser tests will be skipped" \
	    "(sudo apt-get install -y chromium on Debian/Ubuntu, or set CHROMIUM_PATH)" >&2; fi; }

# LibreOffice's Writer (Debian's libreoffice-writer-nogui), which the Word tests use to open the
# portal's .docx files headless and read their text back; installed the same way as Chromium.
libreoffice:
	@command -v soffice >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui \
	      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui; }; \
	  else echo "soffice not found: the test that opens Word files in LibreOffice will be skipped" \
	    "(sudo apt-get install -y libreoffice-writer-nogui on Debian/Ubuntu)" >&2; fi; }

test: install chromium libreoffice
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The browser journeys and accessibility audits alone.
test-e2e: install chromium
	$(VENV)/bin/pytest tests/e2e $(PYTEST_ARGS)

# The README's screenshots (docs/screenshots/*.png), taken in Chromium from the demo set-up.
screenshots: install chromium
	SCREENSHOTS=1 $(VENV)/bin/pytest tests/e2e/test_screenshots.py $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The layers of DESIGN.md and no import circle (import-linter; contracts in pyproject.toml): a
# broken contract names each import that breaks it.
lint-imports: install
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: install
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=portal.example.org \
	  $(PY) manage.py check --deploy --fail-level WARNING

# Security audit: bandit over the project's code (medium severity and up fails), then pip-audit
# over the installed packages (says plainly when its vulnerability database cannot be reached).
audit: install
	$(VENV)/bin/bandit -q -r accounts ccm_portal meetings documents consultations machinery submissions registration reporting api pages -x tests --severity-level medium
	$(PY) scripts/audit-dependencies

# Database dump and media archive into var/backups/<timestamp>/; restore with BACKUP=<folder>.
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/ccm-YYYYmmdd-HHMMSS" >&2; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

# The portal served the production way against bare Django, loaded with wrk; writes bench/RESULTS.md.
# Needs PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL; see bench/README.md).
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; \
	  else echo "make bench needs wrk: sudo apt-get install -y wrk (Debian/Ubuntu) or brew install wrk" >&2; exit 1; fi; }
	$(PY) -m bench.run

worker: install
	$(VENV)/bin/celery -A ccm_portal worker --loglevel=INFO --concurrency=2

beat: install
	$(VENV)/bin/celery -A ccm_portal beat --loglevel=INFO

clean:
	rm -rf $(VENV) var/ .pytest_cache .ruff_cache
