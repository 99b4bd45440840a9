# NexusHR — the documented workflow. `make run` and `make test` are all a fresh machine needs.
SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# A Python 3.12+ interpreter, found by scripts/find-python (PYTHON=/path/to/python overrides).
export PYTHON

.PHONY: help run test install install-test venv compilemessages messages migrate fixtures \
	check lint format bench bench-http profile serve smoke-deploy system-packages clean lock backup restore

help:
	@echo "make run           set everything up and serve on http://$(HOST):$(PORT)/"
	@echo "make test          install what tests need and run the whole suite"
	@echo "make serve         the app with production settings under gunicorn, SQLite unless DATABASE_URL (deploy/README.md)"
	@echo "make smoke-deploy  2 app instances + PostgreSQL + Redis behind the shipped nginx: TLS, headers, a save seen everywhere"
	@echo "make system-packages  install (as root) or name the system packages the suite needs (scripts/system-packages.txt)"
	@echo "make messages      re-extract UI strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext)"
	@echo "make compilemessages  compile the catalogs with Babel (no GNU gettext needed)"
	@echo "make lint / format ruff check / ruff format"
	@echo "make bench         run the benchmarks in bench/ and print the figures"
	@echo "make bench-http    wrk against nginx (static copy), a bare view, the app cached/uncached and behind nginx"
	@echo "make profile       where an uncached render of the role, index, search and home pages spends its time"
	@echo "make lock          regenerate requirements/*.txt (pins + hashes) from pyproject.toml"
	@echo "make backup        back up the content to backups/content-<date>-<time>.json (BACKUP=path)"
	@echo "make restore BACKUP=path  make the content exactly what that backup holds"

$(PY):
	@interpreter=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$interpreter"; \
	"$$interpreter" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# pyproject.toml declares the dependencies; requirements/*.txt are the lock generated from it
# (`make lock`), every package pinned with its hashes, so pip refuses anything else.
$(VENV)/.installed-base: requirements/base.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	@touch $@

$(VENV)/.installed-test: requirements/test.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.txt
	@touch $@ $(VENV)/.installed-base

# The lock: after changing the dependencies in pyproject.toml. Resolves for every platform
# (--universal) and Python 3.12+, keeping the versions already locked unless pyproject.toml
# asks for others. uv is pinned here so everyone generates the same file.
UV_VERSION := 0.13.8
LOCK_FLAGS := --quiet --universal --python-version 3.12 --generate-hashes \
	--custom-compile-command "make lock"
lock: | $(PY)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile $(LOCK_FLAGS) pyproject.toml -o requirements/base.txt
	$(BIN)/uv pip compile $(LOCK_FLAGS) --extra test pyproject.toml -o requirements/test.txt

# axe-core for the accessibility tests (tests/browser/test_accessibility.py), from the npm registry.
AXE := $(VENV)/node/node_modules/axe-core/axe.min.js
$(AXE): | $(PY)
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix $(VENV)/node axe-core@4.11.4; \
	else echo "npm not found: run make system-packages (make test does)"; fi

# The Nu HTML Checker (vnu.jar, run with the system Java) for tests/nexushr/test_markup_validity.py:
# the npm registry carries the current release (PyPI's copies are years old).
VNU := $(VENV)/node/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): | $(PY)
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix $(VENV)/node vnu-jar@26.9.27; \
	else echo "npm not found: run make system-packages (make test does)"; fi

venv: $(PY)
install: $(VENV)/.installed-base
install-test: $(VENV)/.installed-test $(AXE) $(VNU)

compilemessages: install
	$(BIN)/pybabel compile --statistics -d locale -D django

messages: install
	@command -v xgettext >/dev/null || { echo "make messages needs GNU gettext (apt-get install gettext)"; exit 1; }
	@# The languages come from settings.LANGUAGES (nexushr/management/commands/makemessages.py).
	$(PY) manage.py makemessages --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'tools/*' --ignore 'node_modules/*'
	@echo "Now translate the new entries in locale/*/LC_MESSAGES/django.po, then: make compilemessages"

migrate: install
	$(PY) manage.py migrate --no-input

# Loads the fixtures only into a database with no content: an editor's saved work is never
# overwritten. Re-seeding is explicit: manage.py seed --dry-run, then manage.py seed --overwrite.
fixtures: migrate
	$(PY) manage.py seed

backup: migrate
	$(PY) manage.py backup_content $(BACKUP)

restore: migrate
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/content-….json"; exit 1; }
	$(PY) manage.py restore_content $(BACKUP)

run: install compilemessages fixtures
	$(PY) manage.py runserver $(HOST):$(PORT)

# System packages (Chromium, fonts, npm, nginx, wrk …): one list, scripts/system-packages.txt.
# As root the missing ones are installed with apt; otherwise this stops with the command to run.
system-packages:
	@scripts/system-packages

test: system-packages install-test compilemessages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n 2

check: install-test
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

lint: install-test
	$(BIN)/ruff check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-test compilemessages
	$(PY) bench/run.py

# Where an uncached render spends its time (bench/profile_page.py): bench/results/profile.txt.
profile: install compilemessages
	$(PY) bench/profile_page.py

# README screenshots of the compare page and a printed role page; needs `make run` serving.
screenshots: install-test
	$(PY) scripts/screenshots.py http://$(HOST):$(PORT)

# Production settings under gunicorn (deploy/gunicorn.conf.py); scripts/serve explains the
# choices. HOST/PORT as for `make run`; PLAIN_HTTP=true for a trial without TLS in front.
serve: install compilemessages fixtures
	@HOST=$(HOST) PORT=$(PORT) scripts/serve

# The shipped deployment started for real (deploy/smoke.py): needs PostgreSQL and Redis.
smoke-deploy: system-packages install compilemessages
	$(PY) deploy/smoke.py

# HTTP load test (bench/http_load.py): writes bench/results/http.json.
bench-http: system-packages install compilemessages
	$(PY) bench/http_load.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
	find locale -name '*.mo' -delete
