# Two commands for a fresh machine: `make run` starts the app, `make test` runs every test.
# Each creates its own virtual environment in .venv and installs what it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test data check-data bench load browser clean

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
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev-installed browser
	$(BIN)/python -m pytest

browser:
	@sh tests/install_browser.sh

data: $(VENV)/.dev-installed
	$(BIN)/python -m geo.build

check-data: $(VENV)/.dev-installed
	$(BIN)/python -m geo.build --check

bench: $(VENV)/.dev-installed browser
	$(BIN)/python bench/map_bench.py

clean:
	rm -rf $(VENV) static/vendor static/atlas .pytest_cache
