# The README's commands. `make book` builds the book; `make test` runs every test.
# The tooling is the package tools/ (see tools/__init__.py), run as `python -m tools.X`
# from this folder, the repository root, which also makes `import tools` work.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed

# `book/` and `test/`-like names are folders or files here: these targets must always run.
.PHONY: help book serve student pdf test lint vendor chromium bench clean pin

help:
	@echo "make book   build the HTML book into _build/html"
	@echo "make serve  serve _build/html on http://localhost:8000"
	@echo "make student  build the student edition (no solutions) into _build/student"
	@echo "make pdf    print the book and the problem sets as PDF into artifacts/pdf"
	@echo "make test   install what the tests need and run the whole suite"
	@echo "make bench  print the speed and size numbers"
	@echo "make pin    regenerate requirements*.txt from pyproject's dependency groups (PyPI)"

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
	$(BIN)/python -m tools.vendor_assets

book: $(RUNTIME_STAMP) vendor
	$(BIN)/python -m tools.build_book
	@echo
	@echo "The book is in _build/html. Open _build/html/index.html in a browser,"
	@echo "or run 'make serve' and visit http://localhost:8000"

# The student edition: solutions removed from a copy of the chapters; publish only
# _build/student/_build/html (see README, "For teachers").
student: $(RUNTIME_STAMP) vendor
	$(BIN)/python -m tools.build_student --path-output _build/student

pdf: $(TEST_STAMP) vendor chromium book student
	$(BIN)/python -m tools.build_pdf --html _build/html --out artifacts/pdf/teacher
	$(BIN)/python -m tools.build_pdf --html _build/student/_build/html --out artifacts/pdf/student

serve:
	$(BIN)/python -m tools.serve _build/html --port 8000

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks tools _ext

# requirements.txt and requirements-test.txt, exact pins resolved (with uv, from PyPI) from
# pyproject.toml's [project].dependencies and `book`/`test` dependency groups; today's pins
# move only where a group needs it (tools/pin_requirements.py).
pin: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --group pin
	$(BIN)/python -m tools.pin_requirements

test: $(TEST_STAMP) vendor chromium lint
	$(BIN)/python -m pytest

# Debian's Chromium drives the browser tests and prints the PDFs (never a browser
# download); poppler-utils joins and reads the PDFs.
chromium:
	@for tool in chromium pdfunite pdftotext pdfinfo; do \
		command -v $$tool >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium poppler-utils; fi

bench: $(TEST_STAMP) vendor
	$(BIN)/python -m benchmarks.bench_loss
	$(BIN)/python -m benchmarks.bench_pages

clean:
	rm -rf _build artifacts site_vendor node_modules
