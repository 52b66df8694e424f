# Every target does its own set-up on a fresh machine: virtual environment, install,
# compiled catalogs. `BOT_TOKEN=... make run` is all a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PYBABEL := $(VENV)/bin/pybabel
STAMP := $(VENV)/.installed-stamp
PO := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test install catalogs lint extract bench clean

run: install catalogs  ## run the bot (long polling; loads the bundled data on first run)
	$(PY) -m bot

test: install catalogs  ## run every test
	$(PY) -m pytest -q

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

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

bench: install catalogs
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
