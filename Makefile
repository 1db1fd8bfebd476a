# Two entry points for a fresh machine with Python 3.11:
#   make serve   set up .venv, build the site and serve it at http://127.0.0.1:8000/
#   make test    set up .venv plus Chromium/CJK fonts, then run every check and test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: serve build test browser-deps clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

browser-deps:
	bash .ci/browser-deps.sh

test: $(BIN)/.installed browser-deps
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/python -m generator check
	$(BIN)/mkdocs build --strict
	$(BIN)/pytest -q

clean:
	rm -rf site $(VENV)
