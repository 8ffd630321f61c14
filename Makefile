# Two commands do everything on a fresh machine:
#   make run    install, then build output/ from seeds/
#   make test   install (with test tools, browser and models), then run the tests
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install install-test run test browser lint bench

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test,dask]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(VENV)/bin/kg build

browser:
	bash .ci/install-browser.sh

test: install-test browser
	$(PY) -m kg.models fetch-pkuseg
	$(PY) -m ruff check kg tests bench
	$(PY) -m pytest -q

lint: install-test
	$(PY) -m ruff check kg tests bench
