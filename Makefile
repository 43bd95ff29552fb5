# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run    creates .venv from uv.lock, runs the whole pipeline on the inbox, prints a line per stage
#               and a summary (the full Dagster event log goes to data/logs/)
#   make test   the test suite (what CI runs, then `make test-dashboard` once)
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
export DAGSTER_HOME ?= $(CURDIR)/dagster_home

.PHONY: run test test-dashboard dashboard dashboard-serve ui evaluate summary benchmark check-defs docs clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode: every run starts a fresh interpreter; without .pyc files (or where
# PYTHONDONTWRITEBYTECODE is set) importing Dagster and spaCy compiles their sources each time (~3 s).
$(VENV)/.synced: uv.lock pyproject.toml Makefile | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	touch $@

run: $(VENV)/.synced
	$(VENV)/bin/python -m pipeline.cli run

summary: $(VENV)/.synced
	$(VENV)/bin/python -m pipeline.cli summary

# The dashboard build test (npm ci, an Observable Framework build, headless Chromium) is marked
# `dashboard` and left to `make test-dashboard`, which CI runs once after `make test`.
test: $(VENV)/.synced
	$(VENV)/bin/pytest -q -m "not dashboard"

test-dashboard: $(VENV)/.synced
	$(VENV)/bin/pytest -q -m dashboard

# The dashboards/ project (npm ci from its package-lock.json) built from the published copy into
# <published dir>/dashboard/; dashboard-serve serves it on http://127.0.0.1:3030/.
dashboard: $(VENV)/.synced
	$(VENV)/bin/python -m pipeline.dashboard build

dashboard-serve: $(VENV)/.synced
	$(VENV)/bin/python -m pipeline.dashboard serve

ui: $(VENV)/.synced
	$(VENV)/bin/dg dev

check-defs: $(VENV)/.synced
	$(VENV)/bin/dg check defs

GOLD ?= tests/data/gold.json
evaluate: $(VENV)/.synced
	$(VENV)/bin/python -m pipeline.evaluate --gold $(GOLD) --inbox $${PIPELINE_INBOX_DIR:-seeds/articles} \
		--warehouse $${EVALUATION_WAREHOUSE:-data/evaluation/warehouse.duckdb} --out data/evaluation.json

# Speed and memory at 1,000 and 5,000 synthetic articles; the table goes on top of BENCHMARKS.md.
benchmark: $(VENV)/.synced
	$(VENV)/bin/python -m benchmarks.run --sizes 1000 5000 --seed 7 --report BENCHMARKS.md

# Regenerates docs/data-dictionary.md from the comments of a warehouse built from the bundled articles.
docs: $(VENV)/.synced
	PIPELINE_INBOX_DIR=seeds/articles PIPELINE_WAREHOUSE_PATH=data/docs/warehouse.duckdb \
		PIPELINE_PUBLISHED_DIR=data/docs/published $(VENV)/bin/python -m pipeline.cli run
	$(VENV)/bin/python -m pipeline.data_dictionary --warehouse data/docs/published/warehouse.duckdb

clean:
	rm -rf data .pytest_cache
