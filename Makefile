# The two commands: `make serve` and `make test`. Everything else here supports them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi

.PHONY: serve test install install-test lint check-content

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## serve: install, compile translations, migrate, import content/ and serve on http://127.0.0.1:$(PORT)/
serve: install
	$(FLASK) translate compile
	$(FLASK) db upgrade
	$(FLASK) content sync
	@echo "Serving the Quad Cyber Challenge on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	SESSION_COOKIE_SECURE=false $(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - wsgi:app

## test: install with test tools, lint, check catalogs and content, run the suite on SQLite and PostgreSQL
test: install-test
	$(FLASK) translate compile
	$(MAKE) lint check-content
	$(BIN)/pytest --db sqlite
	$(BIN)/pytest --db postgresql

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-content: install-test
	$(FLASK) translate check
	$(FLASK) content check
