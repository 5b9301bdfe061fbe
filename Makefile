# Two commands: `make run` serves sellable, `make test` runs lint and every test.
# Only python3 and make are needed; everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --disable-pip-version-check
PYTEST_ARGS ?=

.PHONY: run test lint fmt clean install postgres chromium bench

run: install
	$(BIN)/sellable serve

test: install postgres chromium
	$(BIN)/ruff check src tests
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

fmt: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

install: $(STAMP)

# Reinstall only when the lock (or the project's metadata) changed.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) install -q -r requirements.lock
	$(PIP) install -q --no-deps -e .
	touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Benchmarks against PostgreSQL on 127.0.0.1:5432 (see bench/README.md).
bench: install postgres
	$(BIN)/python -m bench.run $(BENCH_ARGS)

postgres:
	bash scripts/ensure-postgres

chromium:
	bash scripts/ensure-chromium

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache src/*.egg-info
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +
