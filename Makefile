# ASN Kinerja: everything a developer or CI runs. Works on a fresh clone (GNU make).
#   make run    environment, dependencies, migrations, demo data, server on http://127.0.0.1:8000
#   make test   the whole test suite (parallel; extra pytest arguments via ARGS="...")
# Re-runs are instant: installs are redone only when requirements*.txt or package-lock.json change.

PYTHON ?= $(shell command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
# pytest-xdist workers: "auto" = one per core. Override: make test WORKERS=0 (serial).
WORKERS ?= auto
ARGS ?=

STAMP_RUNTIME := $(VENV)/.stamp-requirements
STAMP_DEV := $(VENV)/.stamp-requirements-dev
STAMP_ASSETS := node_modules/.stamp-package-lock

.DEFAULT_GOAL := help
.PHONY: help venv install install-dev assets run migrate demo test worker beat lint format check collectstatic clean distclean

help:
	@echo "make run            server pengembangan di http://127.0.0.1:8000 (dengan data demo)"
	@echo "make test           seluruh pengujian (ARGS=\"...\" untuk argumen pytest tambahan)"
	@echo "make worker | beat  Celery worker / penjadwal (butuh CELERY_BROKER_URL)"
	@echo "make lint | check | collectstatic | clean | distclean"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUNTIME): requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(STAMP_DEV): requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(STAMP_RUNTIME)

venv: $(PY)
install: $(STAMP_RUNTIME)
install-dev: $(STAMP_DEV)

$(STAMP_ASSETS): package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

assets: $(STAMP_ASSETS)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) demo_data

run: install assets demo
	$(MANAGE) runserver 127.0.0.1:8000

test: install-dev assets
	@# pytest exits 5 when it ran no test: that is a failure too, with a message saying so.
	$(BIN)/pytest -n $(WORKERS) $(ARGS) || { rc=$$?; [ $$rc -ne 5 ] || echo "GAGAL: tidak ada pengujian yang dijalankan." >&2; exit $$rc; }

worker: install
	$(BIN)/celery -A asn_kinerja worker -l info

beat: install
	$(BIN)/celery -A asn_kinerja beat -l info

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

collectstatic: install assets
	$(MANAGE) collectstatic --noinput

clean:
	rm -rf staticfiles test-results .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -print | xargs rm -rf

distclean: clean
	rm -rf $(VENV) node_modules
