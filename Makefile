# Two entry points for a fresh machine with Python 3.11:
#   make serve   set up .venv, then build the site and serve it at http://127.0.0.1:8000/
#   make test    set up .venv plus Chromium/CJK fonts and axe-core, then run every check and test (also .ci/run)
# Nothing has to be imported by hand: docs/plans/*.md are committed, theme pages are generated
# by the MkDocs plugin on every build.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# Browser for the Playwright tests (never downloaded by Playwright itself).
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
# MkDocs 1.6 prints a banner about MkDocs 2 on every run; it is not about this project.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint check unit browser-deps node-deps screenshots clean

# Re-install when the dependency list changes; the stamp file records a completed install.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

# Served at the root of the preview address (the published site_url may have a sub-path).
serve: $(BIN)/.installed
	SITE_URL=$${SITE_URL:-http://127.0.0.1:8000/} $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

browser-deps:
	bash .ci/browser-deps.sh

# axe-core for the accessibility tests, pinned in tests/browser/package-lock.json (npm ci when missing).
node-deps:
	bash .ci/node-deps.sh

lint: $(BIN)/.installed
	$(BIN)/ruff check .

check: $(BIN)/.installed
	$(BIN)/python -m generator check

test: $(BIN)/.installed browser-deps node-deps lint check build
	$(BIN)/pytest -q

# Regenerate the README screenshot (docs/assets/screenshots/home.png) and the checked ones.
screenshots: $(BIN)/.installed browser-deps
	SCREENSHOTS_DIR=docs/assets/screenshots $(BIN)/pytest -q tests/browser/test_screenshots.py

clean:
	rm -rf site test-artifacts $(VENV)
