# The README's commands. `make book` builds the book; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed

# `book/` and `test/`-like names are folders or files here: these targets must always run.
.PHONY: help book serve test lint vendor chromium bench clean

help:
	@echo "make book   build the HTML book into _build/html"
	@echo "make serve  serve _build/html on http://localhost:8000"
	@echo "make test   install what the tests need and run the whole suite"
	@echo "make bench  print the speed and size numbers"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -r requirements.txt
	touch $@

$(TEST_STAMP): requirements-test.txt $(RUNTIME_STAMP)
	$(BIN)/python -m pip install -r requirements-test.txt
	touch $@

# The front-end files the pages load (require.js, the widget manager, MathJax), pinned in
# package-lock.json and copied into site_vendor/ so the site needs no CDN.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

vendor: node_modules/.package-lock.json | $(BIN)/python
	$(BIN)/python scripts/vendor_assets.py

book: $(RUNTIME_STAMP) vendor
	$(BIN)/python scripts/build_book.py
	@echo
	@echo "The book is in _build/html. Open _build/html/index.html in a browser,"
	@echo "or run 'make serve' and visit http://localhost:8000"

serve:
	$(BIN)/python -m http.server --directory _build/html --bind 127.0.0.1 8000

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks scripts _ext

test: $(TEST_STAMP) vendor chromium lint
	$(BIN)/python -m pytest

# Debian's Chromium drives the browser tests; never a browser download.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium poppler-utils; }

bench: $(TEST_STAMP) vendor
	$(BIN)/python benchmarks/bench_loss.py
	$(BIN)/python benchmarks/bench_pages.py

clean:
	rm -rf _build artifacts site_vendor node_modules
