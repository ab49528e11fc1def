# The habitual commands. `make run` and `make test` are the two a new machine needs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install install-dev css migrate seed serve worker lint format check audit clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed

# The stylesheet: GOV.UK Frontend's Sass with the partnership's own branding.
css: node_modules/.installed
	npm run --silent build

migrate: install
	$(BIN)/python manage.py migrate --no-input

seed: migrate
	$(BIN)/python manage.py seed_demo

# Serve the app with a Celery worker and beat; Ctrl-C stops all three.
run: install css seed
	@$(BIN)/python manage.py demo_signins --port $(PORT)
	@trap 'kill 0' EXIT INT TERM; \
	$(BIN)/celery -A partnership worker -B --pool=solo --loglevel=INFO & \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev css
	DJANGO_SETTINGS_MODULE=partnership.settings.test $(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# Known vulnerabilities in our pinned dependencies (pip-audit, PyPI's advisory database): fails
# on one that has a fixed version. See partnership/security/dependency_audit.py.
audit: install-dev
	$(BIN)/python -m partnership.security.dependency_audit requirements.txt requirements-dev.txt

# Speed at the scale of a large partnership, on PostgreSQL under gunicorn (see bench/run.py):
# seeds the learning_bench database once, then prints the figures table.
bench: install css
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
