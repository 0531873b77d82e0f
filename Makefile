# The two commands: `make serve` and `make test`. Everything else here supports them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PUBLIC_URL ?= http://127.0.0.1:$(PORT)
# Every command builds links from it (the site refuses to start without one outside debug).
export PUBLIC_URL
FLASK := $(BIN)/flask --app wsgi

.PHONY: serve stack test install install-test lint check-content browser screenshots lock sbom bench \
	bench-launch

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exact versions of every dependency (make lock), used as constraints by every install below;
# RUNTIME_LOCK adds hashes, for production installs and the SBOM.
LOCK := requirements/lock.txt
RUNTIME_LOCK := requirements/runtime.txt
PIP_INSTALL := $(BIN)/pip install --quiet --disable-pip-version-check $(if $(wildcard $(LOCK)),-c $(LOCK))
PIP_COMPILE := $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml $(wildcard $(LOCK)) | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(wildcard $(LOCK)) | $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'
	touch $@

$(VENV)/.installed-tools: pyproject.toml $(wildcard $(LOCK)) | $(BIN)/python
	$(PIP_INSTALL) -e '.[tools]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## serve: install, compile translations, migrate, import content/ and serve on http://127.0.0.1:$(PORT)/
## with one job worker beside the web server (Procfile, run by honcho)
serve: install
	$(FLASK) translate compile
	$(FLASK) db upgrade
	$(FLASK) content sync
	@echo "Serving the Quad Cyber Challenge on http://127.0.0.1:$(PORT)/ with a job worker (Ctrl+C to stop)"
	PATH="$(abspath $(BIN)):$$PATH" EXTRA_HOSTS=localhost SESSION_COOKIE_SECURE=false \
		DEMO_RUNNING_EDITION=$${DEMO_RUNNING_EDITION-quad-cyber-challenge-2023} \
		$(BIN)/honcho start --port $(PORT) --procfile Procfile

## stack: the production topology on this machine (docs/deployment.md): nginx on
## http://127.0.0.1:8080/ in front of two gunicorn hosts (8001, 8002), PostgreSQL and Redis
## (DATABASE_URL, REDIS_URL; the database is created when missing); needs Debian's nginx
stack: install
	$(BIN)/python -m deploy.stack run

# pytest-xdist: one test process per core (PYTEST_WORKERS=0 runs in this process, for debugging).
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS)

## test: install with test tools, lint, check catalogs and content, run the suite on SQLite and
## PostgreSQL, then the browser tests
test: install-test
	$(FLASK) translate compile
	$(MAKE) lint check-content
	$(PYTEST) --db sqlite -m "not browser"
	$(PYTEST) --db postgresql -m "not browser"
	$(MAKE) browser

## bench: the benchmarks and the load-and-faults test, long forms, on SQLite and PostgreSQL
## (docs/performance.md; about an hour on two cores); results in bench/results/. BENCH_ARGS="--help"
bench: install-test
	$(FLASK) translate compile
	$(BIN)/python -m bench all $(BENCH_ARGS)

## bench-launch: a national launch moment through the production topology (nginx, two gunicorn
## hosts, PostgreSQL, Redis; docs/performance.md): RATE pledges/s and READS reads/s for SECONDS,
## verified by recount; CRASH=1 kills a host and restarts PostgreSQL mid-run. Last line: JSON
RATE ?= 1000
READS ?= 10000
SECONDS ?= 60
bench-launch: install-test
	$(FLASK) translate compile
	$(BIN)/python -m bench.launch --rate $(RATE) --reads $(READS) --seconds $(SECONDS) \
		$(if $(filter 1 yes true,$(CRASH)),--crash) $(BENCH_ARGS)

## lock: resolve pyproject.toml's dependencies into requirements/ (keeps current pins where they
## still fit; PIP_COMPILE_ARGS=--upgrade takes the newest allowed versions)
lock: $(VENV)/.installed-tools
	$(PIP_COMPILE) --all-extras $(PIP_COMPILE_ARGS) -o $(LOCK) pyproject.toml
	$(PIP_COMPILE) --generate-hashes -c $(LOCK) -o $(RUNTIME_LOCK) pyproject.toml

## sbom: a CycloneDX 1.6 SBOM of the runtime dependencies (requirements/runtime.txt) in build/
## (SBOM=path writes it elsewhere; tests/security/test_supply_chain.py runs this recipe)
SBOM ?= build/sbom.cdx.json
sbom: $(VENV)/.installed-tools
	mkdir -p $(dir $(SBOM))
	$(BIN)/cyclonedx-py requirements --pyproject pyproject.toml --sv 1.6 --output-reproducible \
		-o $(SBOM) $(RUNTIME_LOCK)
	@echo "Wrote $(SBOM)"

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check-content: install-test
	$(FLASK) translate check
	$(FLASK) content check

# axe-core and the Nu Html Checker, pinned in package-lock.json. --ignore-scripts: vnu-jar's
# postinstall would fetch a Java runtime; the checker runs on the system's Java.
# Without npm the browser tests skip (and fail in CI), as they do without Chromium.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm not found: not installing axe-core and vnu-jar"; fi

## browser: real-browser journeys, axe-core, target sizes, keyboard use and the Nu Html Checker
## (Debian's Chromium; skipped without it, except in CI)
browser: install-test node_modules/.installed
	$(FLASK) translate compile
	$(PYTEST) --dist loadscope -m browser --db sqlite

## screenshots: every page type in every locale at 390 and 1280 px wide, into screenshots/
screenshots: install-test
	$(FLASK) translate compile
	$(BIN)/python -m tests.browser.screenshots
