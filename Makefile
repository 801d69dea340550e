# Make targets for the Trafford population-health dashboard (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: install data run test test-fast lint browser bench clean

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
	$(BIN)/streamlit run app.py --server.port $(PORT)

## lint: ruff (style, imports, no print) and mypy on the package
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## browser: install Debian's Chromium for the browser tests when it is missing
browser:
	@command -v chromium >/dev/null 2>&1 || ( apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null )

## test: lint, then unit, app and browser tests
test: lint
	$(BIN)/python -m pytest -q

## test-fast: unit and app tests only
test-fast:
	$(BIN)/python -m pytest -q -m "not e2e"

## bench: print page-load and build ratios
bench:
	$(BIN)/python benchmarks/build.py

clean:
	rm -rf data/processed data/processed.old .pytest_cache .mypy_cache .ruff_cache
