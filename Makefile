# Two commands do everything on a fresh machine:
#   make run    install, then build output/ from seeds/
#   make test   install (with test tools, browser and models), then run the tests
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install install-test run test browser interop lint bench screenshots

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

# JavaScript consumers of the exports for tests/test_interop.py (npm's oxigraph, graphology-graphml),
# at the versions package-lock.json pins; skipped where there is no node (the tests then skip too).
INTEROP := tests/interop
$(INTEROP)/node_modules/.package-lock.json: $(INTEROP)/package.json $(INTEROP)/package-lock.json
	cd $(INTEROP) && npm ci --no-audit --no-fund --loglevel=error

interop:
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
		$(MAKE) --no-print-directory $(INTEROP)/node_modules/.package-lock.json; \
	else echo "node/npm not found: the JavaScript interop tests will be skipped"; fi

test: install-test browser interop
	$(PY) -m kg.models fetch-pkuseg
	$(PY) -m ruff check kg tests bench
	$(PY) -m pytest -q

lint: install-test
	$(PY) -m ruff check kg tests bench

# docs/graph.png and docs/ledger.png, the README's pictures: only when asked (tests never rewrite them)
screenshots: install-test browser
	$(PY) bench/screenshots.py --out docs
