# Two commands for a fresh machine: `make run` starts the app, `make test` runs every test.
# Each creates its own virtual environment in .venv and installs what it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test data check-data bench load load-proxy nginx postgresql browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-build.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/python -m ui.serve --server.port $(PORT)

test: $(VENV)/.dev-installed browser nginx postgresql
	$(BIN)/python -m pytest

browser:
	@sh tests/install_browser.sh

data: $(VENV)/.dev-installed
	$(BIN)/python -m geo.build

check-data: $(VENV)/.dev-installed
	$(BIN)/python -m geo.build --check

bench: $(VENV)/.dev-installed browser
	$(BIN)/python bench/map_bench.py

# The class-sized load test (bench/load.py): 30 simulated students on Streamlit's websocket
# protocol, Play in 30 Chromium pages, and two app processes behind nginx. Prints a table.
load: $(VENV)/.dev-installed browser nginx
	$(BIN)/python bench/load.py

# Only the comparison of one and two app processes behind nginx.
load-proxy: $(VENV)/.dev-installed nginx
	$(BIN)/python bench/load.py --only-proxy

# Debian's nginx for the two-process load test and tests/test_load.py, when missing and we may
# install system packages.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || \
	{ if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing nginx for the two-process load test"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else echo "the two-process load test needs nginx (e.g. sudo apt-get install nginx)" >&2; fi; }

# Debian's PostgreSQL for the lesson store's tests, which start a throwaway server of their own
# on a loopback port (tests/postgres.py), when missing and we may install system packages.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	{ if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing postgresql for the lesson store's tests"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else echo "the lesson store's tests need PostgreSQL (e.g. sudo apt-get install postgresql)" >&2; fi; }

clean:
	rm -rf $(VENV) static/vendor static/atlas .pytest_cache
