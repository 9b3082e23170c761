# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | sha256sum | cut -c1-12)

.PHONY: run test lint typecheck pytest install clean vendor browser model facts eval-acled

VENDOR := src/tadmur/web/vendor

# Front-end libraries from the npm registry (versions locked in web/package-lock.json),
# copied next to the page so that nothing is fetched when it loads.
vendor:
	cd web && npm ci --no-audit --no-fund --silent
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet $(VENDOR)/markercluster $(VENDOR)/topojson $(VENDOR)/world-atlas
	cp -r web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css web/node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	cp web/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js web/node_modules/leaflet.markercluster/dist/MarkerCluster*.css $(VENDOR)/markercluster/
	cp web/node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/topojson/
	cp web/node_modules/world-atlas/countries-110m.json $(VENDOR)/world-atlas/

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser).
browser:
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/tadmur gazetteer
	$(MAKE) vendor
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

run: install
	$(BIN)/tadmur ingest --db tadmur.duckdb --quiet examples/corpus
	$(BIN)/tadmur events --db tadmur.duckdb

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

pytest: install browser
	$(BIN)/python -m pytest

test: lint typecheck pytest

# The event classifier, retrained from the ACLED development rows (README: "Event classifier"):
#   make model ACLED_CSV=artifacts/acled/acled-dev.csv
model: install
	@test -n "$(ACLED_CSV)" || (echo "make model needs ACLED_CSV=path/to/acled-dev.csv" >&2; exit 2)
	$(BIN)/tadmur train --acled $(ACLED_CSV)

# Facts from the ACLED training rows: towns and districts GeoNames lacks, the names of a
# country's forces by period, the groups actors.yaml lacks (README: "tadmur gazetteer",
# "Actors", "Who, where and how many"):  make facts ACLED_CSV=artifacts/acled/acled-dev.csv
facts: install
	@test -n "$(ACLED_CSV)" || (echo "make facts needs ACLED_CSV=path/to/acled-dev.csv" >&2; exit 2)
	$(BIN)/python -m tadmur.placefacts $(ACLED_CSV)
	$(BIN)/python -m tadmur.actorfacts $(ACLED_CSV)
	$(BIN)/python -m tadmur.groupfacts $(ACLED_CSV)

# SPEC §4b on the held-out rows of the fixed split: make eval-acled ACLED_CSV=...
eval-acled: install
	@test -n "$(ACLED_CSV)" || (echo "make eval-acled needs ACLED_CSV=path/to/acled-dev.csv" >&2; exit 2)
	$(BIN)/tadmur eval --acled $(ACLED_CSV) --part heldout --workers 0

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
