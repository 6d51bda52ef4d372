# Two commands do everything on a fresh Linux machine with Python 3.11+:
#   make site   create .venv, install the pinned dependencies, build the site into site/
#   make test   the same, plus test dependencies: lint, type-check, build, audit, then the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check schema lint audit bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever the lock or the project metadata changes.
$(VENV)/.site-deps: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.test-deps: requirements.lock pyproject.toml tests/tools/package-lock.json | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	npm ci --silent --no-audit --no-fund --prefix tests/tools
	touch $@ $(VENV)/.site-deps

site: $(VENV)/.site-deps
	$(BIN)/briefing check
	$(BIN)/mkdocs build --strict

# The preview's address: `make serve ADDR=127.0.0.1:8001` when port 8000 is taken.
ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

check: $(VENV)/.site-deps
	$(BIN)/briefing check

schema: $(VENV)/.site-deps
	$(BIN)/briefing schema --out schemas

lint: $(VENV)/.test-deps
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

# The built site through five gates (HTML, axe-core, links, requests, Lighthouse); see scripts/audit.py.
audit: $(VENV)/.test-deps
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/audit.py

# pytest runs last: CI reads its closing line.
test: lint audit
	$(BIN)/pytest

# Benchmarks on synthetic briefings of 100 to 3,000 sources (about half an hour; not part of
# make test). Writes benchmarks/RESULTS.md and the figures on docs/performance.md.
bench: $(VENV)/.test-deps
	$(BIN)/python benchmarks/run.py --sizes 100,300,1000,3000 --profile 1000 --serve-at 1000 --publish

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache
