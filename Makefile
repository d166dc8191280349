# Developer entry points for the Het Jonge Kind dashboard.
#   make run    start the dashboard on http://localhost:$(PORT)
#   make test   lint, format check, unit tests and browser tests
#   make test-fast  the unit tests of lib/ alone (no pages, no browser), for the edit loop
#   make bench  timing benchmarks (bench/run.py)
#   make clean  remove the virtualenv and caches

PYTHON ?= python3
PORT ?= 8501
PYTEST_ARGS ?=
# The suite runs in this many processes (pytest-xdist); each starts its own app server, browser
# and PostgreSQL database (tests/pg_worker.py). Three on this project's two cores: the browser
# tests wait for pages and servers much of their time, and a third process fills those waits
# (.ci/run on a fresh clone of the machine before: 7 min 9 s in two, 6 min 8 s to 6 min 41 s in
# three; the same ~700 s of CPU). Idle workers take tests from busy ones (--dist worksteal), so a long test near
# the end holds up no one.
TEST_WORKERS ?= 3
XDIST := -n $(TEST_WORKERS) --dist worksteal
# The fast tests wait for nothing: two processes, one per core (a third made them 39 -> 48 s).
FAST_WORKERS ?= 2
# The installer (see $(STAMP)), pinned like every other tool.
UV_VERSION := 0.13.9

VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install, so pip runs again only when a requirements file changed.
STAMP := $(VENV)/.installed
E2E := tests/e2e
# npm gives unpacked files the tarball's 1985 mtime, so a stamp of our own marks the install.
E2E_STAMP := $(E2E)/node_modules/.installed

.PHONY: venv run test test-fast bench clean

venv: $(STAMP)

# Without pip: the venv's own pip (ensurepip) took 6 of a fresh clone's 14 s of installing, and
# uv does the installing. This Python's pip puts uv into the venv.
$(BIN)/python:
	$(PYTHON) -m venv --without-pip $(VENV)

# Order-only on the interpreter: recreating it must not by itself force a reinstall check, and
# a missing .venv takes the stamp with it anyway.
# uv installs the pinned requirements in seconds where pip takes about a minute (it unpacks in
# parallel and compiles no bytecode up front). pip itself is the fallback when uv cannot be had.
$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check \
		uv==$(UV_VERSION) \
		&& $(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements-dev.txt \
		|| { $(BIN)/python -m ensurepip --upgrade >/dev/null \
		&& $(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt; }
	touch $@

run: venv
	$(BIN)/python -m ui.serve --server.port $(PORT)

# axe-core is optional: without npm (or without the registry) the accessibility checks skip with
# a reason, and the rest of the suite still runs. The stamp is only written on success, so a
# failed install is retried next time.
$(E2E_STAMP): $(E2E)/package.json $(E2E)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(E2E) --no-audit --no-fund --silent && touch $@ \
			|| echo "npm ci failed: accessibility checks will be skipped"; \
	else \
		echo "npm not found: accessibility checks will be skipped"; \
	fi

# Python's bytecode caches (__pycache__, git-ignored) are written while the tests run, also where
# the environment turns them off (PYTHONDONTWRITEBYTECODE, as on this project's machines): without
# them every worker, app server and `python -m lib` the tests start compiled Streamlit, pandas and
# plotly from source again, 4 to 6 s of CPU each (a fresh clone's whole run: 817 -> 759 s of CPU).
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest

# -ra rather than -rs: pytest keeps only the last -r option, and -ra lists skipped tests with
# their reasons as well as failures and errors.
test: venv $(E2E_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTEST) -ra $(XDIST) $(PYTEST_ARGS)

# Only the tests that run no page (AppTest), no Chromium and build no whole report: lib/ and the
# command line.
test-fast: venv
	$(PYTEST) -q -n $(FAST_WORKERS) -m "not e2e and not app and not chromium and not report" $(PYTEST_ARGS)

bench: venv
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts $(E2E)/node_modules
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
