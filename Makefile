# The two commands a newcomer needs: `make lab` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# nbgrader shells out to `alembic`, so the venv's bin/ must come first on PATH.
export PATH := $(abspath $(BIN)):$(PATH)
# JupyterLab refuses to run as root without --allow-root (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=
PYTEST_ARGS ?= --durations=25
STAMP := $(VENV)/.installed
# axe-core for the browser tests' accessibility checks, at the version pinned in its lock file
AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: help setup lab test test-all lint axe bench load lock clean-notebooks hooks clean \
	release collect autograde feedback grades report validate variants vet

help:
	@echo "make lab    - set up if needed, then open JupyterLab on the first notebook"
	@echo "make test   - set up if needed, then lint and run the whole test suite"
	@echo "make test-all - the same, every case where make test checks a fixed sample (slower)"
	@echo "make bench  - print the benchmark table"
	@echo "make load USERS=8 - a lab at full load on the course's hub (as root; FAULTS=1 breaks things too)"
	@echo "make clean-notebooks - strip outputs, execution counts and widget state"
	@echo "make lock   - re-resolve requirements.lock and environment.yml from pyproject.toml"
	@echo "Instructors (course-admin on nbgrader, course root grading/; see grading/README.md):"
	@echo "make release   - generate, leak-scan and release every assignment to the exchange"
	@echo "make collect   - collect submissions from the exchange (LMS=export.zip A=name: from an LMS export)"
	@echo "make autograde - autograde every submission, progress bar, outcome log (WORKERS=2: in parallel)"
	@echo "make feedback  - feedback HTML without hidden tests (RELEASE=1 also releases it)"
	@echo "make grades    - export grades to grading/exports/*.csv"
	@echo "make report    - class report in grading/reports/ (HTML and notebook)"
	@echo "make validate NB=path.ipynb - check a notebook; non-zero when a check fails"
	@echo "make variants A=<assignment> - list every variant with its key facts"
	@echo "make vet       - prove every variant grades right with nbgrader (A=<assignment>: one)"

# (Re)install only when the pins or the package metadata change: a second `make lab` is instant.
$(STAMP): requirements.lock pyproject.toml instructor/pyproject.toml tools/lab-overrides.json \
  $(wildcard tools/labextension/*/package.json tools/labextension/*/static/*.js)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "$(PYTHON) is Python %s; the course needs Python 3.11 or newer (set PYTHON=python3.12, for example)" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e instructor
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp tools/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	mkdir -p $(VENV)/share/jupyter/labextensions
	cp -r tools/labextension/. $(VENV)/share/jupyter/labextensions/
	touch $(STAMP)

# The data of each reading-the-indicators variant, which the students' toolkit reads from files:
# written by the instructor package (which holds the plan behind them), rewritten when it changes.
VARIANT_DATA := datasets/variants/reading-the-indicators/questions.json
$(VARIANT_DATA): $(STAMP) instructor/keys/reading_the_indicators.py $(wildcard instructor/generator/*.py)
	$(BIN)/python -m instructor.keys.reading_the_indicators $(dir $(VARIANT_DATA))

# pip compiles every package it installs to bytecode, but not the two installed editable here:
# compile them ahead (again when a source changes), so no kernel compiles the toolkit when it
# imports it (a kernel that may not write, or runs with PYTHONDONTWRITEBYTECODE, would on every
# start: compiling what lesson 05 imports takes about 0.1 s).
COMPILED := $(VENV)/.compiled
$(COMPILED): $(STAMP) $(shell find toolkit instructor -name '*.py' -not -path '*/__pycache__/*')
	$(BIN)/python -m compileall -q toolkit instructor
	touch $(COMPILED)

setup: $(STAMP) $(VARIANT_DATA) $(COMPILED)

lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb $(ROOT_FLAG) $(LAB_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The browser tests load axe-core from here (never from the network at run time). Without npm
# the accessibility checks skip and say so (under CI=true they fail).
axe: $(AXE)
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/axe-core/axe.min.js; \
	else echo "npm not found: the browser tests' accessibility checks need it (sudo apt-get install npm)"; fi

test: lint axe
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# make test checks a fixed sample where a check covers a grid (each kind of hand-in on one
# assignment, the Validate button on one student version); test-all checks every cell of it
test-all: lint axe
	ALLIANCE_TEST_ALL=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python benchmarks/run.py

# USERS participants start their servers and run lesson 02 at once on the course's own hub;
# several values (USERS="1 4 8") run one round each. Needs root and Node.js.
USERS ?= 4
load: setup
	@test -x deploy/jupyterhub/node_modules/.bin/configurable-http-proxy || \
	  (cd deploy/jupyterhub && npm ci --no-audit --no-fund --loglevel=error)
	$(BIN)/python deploy/jupyterhub/load_driver.py --users $(USERS) $(if $(FAULTS),--faults,)

# Resolve the top-level needs in pyproject.toml for the oldest Python they allow (pip's
# resolver, in a scratch venv of $(PYTHON), which must be that minor version) and write the set.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python tools/write_lock.py; status=$$?; rm -rf .lock-venv; exit $$status

clean-notebooks: setup
	$(BIN)/nbstripout notebooks/*.ipynb $$(find grading/source -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*')

hooks: setup
	$(BIN)/pre-commit install

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts

# --- instructors: course-admin (instructor/admin) on top of nbgrader; course root grading/ ---
ADMIN := $(BIN)/course-admin
A ?=
release: setup
	$(ADMIN) release $(A)

collect: setup
	$(ADMIN) collect $(A) $(if $(LMS),--from-lms $(LMS),)

autograde: setup
	$(ADMIN) autograde $(A) $(if $(WORKERS),--workers $(WORKERS),)

feedback: setup
	$(ADMIN) feedback $(A) $(if $(RELEASE),--release,)

grades: setup
	$(ADMIN) export

report: setup
	$(ADMIN) report

validate: setup
	$(ADMIN) validate $(NB)

variants: setup
	$(ADMIN) variants $(A)

# every variant of every assignment with variants: reference full, blank 0, key literals full
VARIANT_SETS = governance-design reading-the-indicators steering-committee
vet: setup
	$(ADMIN) vet $(or $(A),$(VARIANT_SETS)) --workers $(or $(WORKERS),2)
