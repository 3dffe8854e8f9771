# Maillage: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: setup run test test-fast bench bench-planner bench-community lint messages translations clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

translations: $(STAMP)
	DEBUG=1 $(PY) manage.py compile_translations

# Everything `make run` does but serving; safe to re-run.
setup: $(STAMP) translations
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo

# The server, and beside it the worker that computes long planner runs.
run: setup
	DEBUG=1 HTTPS=0 $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 HTTPS=0 $(PY) manage.py runserver $(HOST)

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

# The whole suite: unit, HTTP and browser tests (browser tests need /usr/bin/chromium).
test: $(STAMP) translations node_modules/.installed
	SECRET_KEY=test-only-secret HTTPS=0 $(PY) -m pytest -q $(PYTEST_ARGS)

# Without the browser tests, for a quick loop while coding.
test-fast: $(STAMP) translations
	SECRET_KEY=test-only-secret HTTPS=0 $(PY) -m pytest -q -m "not browser" $(PYTEST_ARGS)

bench: $(STAMP) translations
	SECRET_KEY=bench-only-secret HTTPS=0 $(PY) bench/directory.py

# Members search and matched opportunities on 100,000 members and 20,000 opportunities.
bench-community: $(STAMP) translations
	SECRET_KEY=bench-only-secret HTTPS=0 $(PY) bench/community.py $(BENCH_ARGS)

# Our planner engine against PySAL's spopt (installs spopt, PuLP and highspy; takes ~1 h).
bench-planner: $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	$(PY) bench/planner.py $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Refresh the .po catalogues after changing UI strings (needs GNU gettext).
messages: $(STAMP)
	DEBUG=1 $(PY) manage.py makemessages -l fr -l en -l es -l ca -l eu -l de -l lv --no-obsolete --ignore=.venv --ignore=node_modules --ignore=bench --ignore=data

clean:
	rm -rf $(VENV) node_modules staticfiles
