# Ondol — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
PORT   ?= 8000

.PHONY: install install-test demo serve test test-sqlite test-postgres lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# The venv alone: the app, its dependencies, the PDF fonts and the compiled translations.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	bash scripts/install_fonts.sh
	$(BIN)/ondol compile-catalogs
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[test,spark]"
	bash scripts/install_browser.sh
	touch $@

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/ondol demo
	$(BIN)/ondol serve --port $(PORT)

serve: install
	$(BIN)/ondol serve --port $(PORT)

# The whole suite on SQLite, and again on PostgreSQL when DATABASE_URL names one.
test: install-test
	$(BIN)/ondol compile-catalogs
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; fi

test-sqlite:
	env -u DATABASE_URL $(BIN)/pytest -q -p no:cacheprovider

test-postgres:
	$(BIN)/pytest -q -p no:cacheprovider

lint: install-test
	$(BIN)/ruff check src bench
	$(BIN)/mypy

bench: install-test
	$(BIN)/python bench/guide_search.py
	$(BIN)/python bench/eligibility.py
	$(BIN)/python bench/discovery.py --tiers S

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
