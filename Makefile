# Make targets for the Trafford population-health dashboard (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Processes behind nginx for `make serve` (default: one per core).
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# Per-test time limit (seconds): a hung browser or server fails one test instead of the run.
TEST_TIMEOUT ?= 300

.PHONY: install data run serve nginx test test-fast test-browser lint browser axe bench clean

## install: create .venv and install the app, its pinned dependencies and the test tools
install: $(BIN)/activate
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

## data: fetch, verify and build the data store (a no-op when nothing changed)
data:
	$(BIN)/python -m trafford_dash build

## run: build the store if needed, then serve the app on http://localhost:$(PORT)
run: data
	$(BIN)/streamlit run server.py --server.port $(PORT)

## serve: build the store if needed, then serve WORKERS processes behind nginx on http://localhost:$(PORT)
serve: data nginx
	$(BIN)/python -m deploy.serve --workers $(WORKERS) --port $(PORT)

## nginx: install Debian's nginx (as root) where it is missing; `make serve` runs it as a child process
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || ( apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null )

## lint: ruff (style, imports, no print) and mypy on the package, pages, app and benchmarks
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## browser: install Debian's Chromium (as root) and axe-core for the browser and accessibility tests
browser: axe
	@command -v chromium >/dev/null 2>&1 || ( apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null )

## axe: install axe-core from the npm registry at the locked version (skipped when npm is missing)
axe:
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the accessibility checks will be skipped."; fi

## test: THE test command: lint, then unit, app (AppTest) and browser (Chromium) tests
test: lint
	$(BIN)/python -m pytest -q --timeout=$(TEST_TIMEOUT)

## test-fast: unit and app tests only
test-fast:
	$(BIN)/python -m pytest -q -m "not e2e" --timeout=$(TEST_TIMEOUT)

## test-browser: browser and accessibility tests only
test-browser:
	$(BIN)/python -m pytest -q -m e2e --timeout=$(TEST_TIMEOUT)

## bench: page speed against a bare app, store build and reads, growth with data, a load test, upload checks, payments queries (DuckDB against pandas), and the layout's measures
bench:
	$(BIN)/python -m benchmarks.build
	$(BIN)/python -m benchmarks.pages
	$(BIN)/python -m benchmarks.growth
	$(BIN)/python -m benchmarks.load
	$(BIN)/python -m benchmarks.load --workers $(WORKERS) --sessions 20
	$(BIN)/python -m benchmarks.capacity --workers $(WORKERS)
	$(BIN)/python -m benchmarks.api
	$(BIN)/python -m benchmarks.uploads
	$(BIN)/python -m benchmarks.payments
	$(BIN)/python -m benchmarks.layout

clean:
	rm -rf .serve data/processed data/processed.old data/processed.good data/.processed.* .pytest_cache .mypy_cache .ruff_cache test-results benchmarks/results
