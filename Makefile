# Every target does its own set-up on a fresh machine: virtual environment, install,
# compiled catalogs. `BOT_TOKEN=... make run` is all a newcomer needs.
#
# Installs are reproducible: the exact versions, with their sha256 hashes, come from
# requirements/*.lock (pyproject.toml keeps ranges), installed by a pinned uv. After
# changing the dependencies in pyproject.toml: `make lock`, and commit the lock files.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PYBABEL := $(VENV)/bin/pybabel
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv
UV_STAMP := $(VENV)/.uv-$(UV_VERSION)
STAMP := $(VENV)/.installed-stamp
BASE_LOCK := requirements/base.lock
DEV_LOCK := requirements/dev.lock
# Universal: one lock for every OS and architecture (python:3.11-slim on amd64 and arm64
# too), Python 3.11 and newer. `make lock UPGRADE=1` also moves every pin to the newest
# release the ranges allow; plain `make lock` keeps the pins that still fit.
LOCK_FLAGS := --universal --generate-hashes --python-version 3.11
PO := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test install lock catalogs lint extract bench clean

run: install catalogs  ## run the bot (long polling; loads the bundled data on first run)
	$(PY) -m bot

# Test files run in parallel (pytest-xdist): most of the time goes to e2e tests that wait
# on bot processes, so more workers than cores pays. TEST_WORKERS=0 runs them in one process.
# -rs: a skipped test says why in a line (the browser tests, on a system without Chromium).
TEST_WORKERS ?= 4

test: install catalogs  ## run every test
	$(PY) -m pytest -q -rs -n $(TEST_WORKERS) --dist loadfile

install: $(STAMP)

# The dependencies exactly as locked (sync also removes what the lock no longer has), then
# the project itself, editable, adding nothing. `uv pip check` fails if pyproject.toml asks
# for something the lock does not give: then run `make lock`.
$(STAMP): $(UV_STAMP) $(DEV_LOCK) $(BASE_LOCK) pyproject.toml
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(DEV_LOCK)
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	$(UV) pip check --quiet --python $(PY) || { echo "$(DEV_LOCK) does not fit pyproject.toml: run make lock" >&2; exit 1; }
	touch $@

# The virtual environment and, in it, uv at its pinned version (from PyPI, with pip).
$(UV_STAMP):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check 'uv==$(UV_VERSION)'
	touch $@

lock: $(UV_STAMP)  ## refresh requirements/*.lock from pyproject.toml (UPGRADE=1: newest allowed)
	$(UV) pip compile $(LOCK_FLAGS) $(if $(UPGRADE),--upgrade) --no-header --quiet \
		pyproject.toml -o $(BASE_LOCK)
	$(UV) pip compile $(LOCK_FLAGS) $(if $(UPGRADE),--upgrade) --no-header --quiet \
		pyproject.toml --extra dev --constraint $(BASE_LOCK) -o $(DEV_LOCK)
	$(call lock_header,$(BASE_LOCK),the runtime dependencies (what the Docker image installs))
	$(call lock_header,$(DEV_LOCK),the runtime dependencies at the versions of $(BASE_LOCK) + the dev extra (make install))

# $(call lock_header,FILE,WHAT): put the how-to-refresh comment on top of a lock file.
define lock_header
	{ printf '%s\n' \
		'# $(1): $(2).' \
		'# Generated from pyproject.toml by `make lock` (uv $(UV_VERSION) pip compile $(LOCK_FLAGS)):' \
		'# do not edit by hand. To refresh after changing pyproject.toml: make lock' \
		'# (make lock UPGRADE=1 moves every pin to the newest release the ranges allow).' \
		'# Exact versions with sha256 hashes, for any platform, Python >= 3.11.'; \
	  cat $(1); } > $(1).tmp && mv $(1).tmp $(1)
endef

catalogs: $(MO)

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(STAMP)
	$(PYBABEL) compile -D messages -i $< -o $@ -l $*

extract: install  ## refresh the catalogs from the code: pybabel extract + update
	$(PYBABEL) extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output \
		--project gosrating-bot -o locales/messages.pot .
	$(PYBABEL) update -D messages -i locales/messages.pot -d locales --no-fuzzy-matching

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bot handlers
	if grep -q '^\[tool.importlinter\]' pyproject.toml; then $(VENV)/bin/lint-imports; fi

bench: install catalogs
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
