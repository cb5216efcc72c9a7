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
.PHONY: help book serve lab student student-repo dist pdf grade test lint vendor chromium bench \
	clean pin

help:
	@echo "make book   build the HTML book into _build/html"
	@echo "make serve  serve _build/html on http://localhost:8000"
	@echo "make lab    open the chapters as notebooks in a local JupyterLab (live sliders)"
	@echo "make student  build the student edition (no solutions) into _build/student"
	@echo "make student-repo DEST=<folder> URL=<its address>  write the student repository"
	@echo "make dist   build the nllce package (sdist and wheel) into dist/ and check them"
	@echo "make pdf    print the book and the problem sets as PDF into artifacts/pdf"
	@echo "make grade SUBMISSIONS=<folder>  grade returned notebooks into <folder>/gradebook.csv"
	@echo "make test   install what the tests need and run the whole suite"
	@echo "make bench  print the speed and size numbers"
	@echo "make pin    regenerate requirements*.txt from pyproject's dependency groups (PyPI)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -r requirements.txt
	touch $@

# With the test tools, the package's build backend ([build-system].requires; pip and
# setuptools are never pinned, like pip freeze), so that tests/test_release.py builds the
# wheel offline (`python -m build --no-isolation`).
$(TEST_STAMP): requirements-test.txt $(RUNTIME_STAMP)
	$(BIN)/python -m pip install -r requirements-test.txt "setuptools>=77"
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

# The student repository, ready to push: the student chapters, the package, Binder's files
# and a README for students (tools/student_repo.py). URL (or $STUDENT_REPOSITORY_URL) is
# where it will live: its launch buttons open it; SITE (optional), where the student book
# is published, for its README. Refuses a folder it did not write.
student-repo: $(RUNTIME_STAMP)
	@if [ -z "$(DEST)" ]; then \
		echo "usage: make student-repo DEST=<folder> URL=https://github.com/<you>/<repo>"; \
		exit 2; fi
	$(BIN)/python -m tools.student_repo --dest "$(DEST)" $(if $(URL),--url "$(URL)") \
		$(if $(SITE),--site-url "$(SITE)")

# The package as a release: sdist and wheel in dist/, their metadata checked by twine.
dist: $(TEST_STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

pdf: $(TEST_STAMP) vendor chromium book student
	$(BIN)/python -m tools.build_pdf --html _build/html --out artifacts/pdf/teacher
	$(BIN)/python -m tools.build_pdf --html _build/student/_build/html --out artifacts/pdf/student

# The built book on http://localhost:8000, its text files gzip-compressed for browsers
# that accept it, as a static host sends them (tools/serve.py; README, "Publishing the
# student edition", says how to have a host compress and cache the book).
serve:
	$(BIN)/python -m tools.serve _build/html --port 8000

# The chapters live on this machine: JupyterLab opens the .md chapters as notebooks
# (jupytext, the same viewer setting as postBuild on Binder, from tools/jupyter/ for this
# session only), renders their MyST (jupyterlab-myst); the sliders are live. Saving writes
# a chapter back unchanged (jupytext.toml). Ctrl-C stops it. tools/lab.py.
lab: $(RUNTIME_STAMP)
	$(BIN)/python -m tools.lab

# Returned notebooks: SUBMISSIONS holds one sub-folder or one .ipynb per student. Writes
# <folder>/gradebook.csv and a feedback-<student>.md per student, and changes nothing else
# (tools/grade.py). Submissions run as code: grade in a throwaway account or container.
GRADE_TIMEOUT ?= 60
grade: $(RUNTIME_STAMP)
	@if [ -z "$(SUBMISSIONS)" ]; then \
		echo "usage: make grade SUBMISSIONS=<folder> [GRADE_TIMEOUT=<seconds per cell>]"; \
		exit 2; fi
	GRADE_TIMEOUT="$(GRADE_TIMEOUT)" $(BIN)/python -m tools.grade "$(SUBMISSIONS)"

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks tools _ext
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet .github/workflows

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
	$(BIN)/python -m benchmarks.bench_grade

clean:
	rm -rf _build artifacts site_vendor node_modules
