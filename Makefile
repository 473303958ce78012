# Two commands do all set-up on a fresh machine:
#   make serve   preview the site at http://127.0.0.1:8000 with live reload
#   make test    run every test, including a strict build of the real site
# Both create .venv and install exact, hash-checked versions from requirements/:
# make serve and make build only what building needs (build.txt), make test
# also what testing and linting add (test.txt, lint.txt).
# `make` alone (or `make help`) lists the commands: the text after `##` on
# each target's line.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
BUILD_LOCKS := requirements/build.txt
TEST_LOCKS  := requirements/test.txt requirements/lint.txt
BUILD_STAMP := $(VENV)/.build-$(shell cat $(BUILD_LOCKS) | cksum | cut -d' ' -f1)
TEST_STAMP  := $(VENV)/.test-$(shell cat $(BUILD_LOCKS) $(TEST_LOCKS) | cksum | cut -d' ' -f1)
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes
# The generator: mkdocs, or properdocs (MkDocs 1.x's continuation; see README).
export HUB_GENERATOR ?= mkdocs

# Material 9.8 prints a notice about its successor on every run; the build log
# should show only what a writer has to act on.
export NO_MKDOCS_2_WARNING := 1
# The hooks and the writer tools live in hooks/filmhub.
export PYTHONPATH := $(CURDIR)/hooks

# Where make serve listens: make serve PORT=8001, or HOST=0.0.0.0 for other devices.
PORT ?= 8000
HOST ?= 127.0.0.1

.DEFAULT_GOAL := help
.PHONY: help serve check build test lint format schemas article linkcheck-external bench lock clean

help: ## List the commands, one line each
	@echo "Commands (run them from this folder):"
	@awk 'BEGIN { FS = ":[^#]*## " } /^[a-z-]+:[^#]*## / { printf "  make %-20s %s\n", $$1, $$2 }' $(firstword $(MAKEFILE_LIST))

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11 (or newer) and run make again.")'
	$(PYTHON) -m venv $(VENV)

$(BUILD_STAMP): $(BUILD_LOCKS) | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements/build.txt
	@rm -f $(VENV)/.build-* && touch $@

# test.txt holds building's pins too, so this also makes the build stamp.
$(TEST_STAMP): $(BUILD_LOCKS) $(TEST_LOCKS) | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements/test.txt -r requirements/lint.txt
	@rm -f $(VENV)/.build-* $(VENV)/.test-* && touch $@ $(BUILD_STAMP)

# The preview is not strict: problems are listed in the terminal and at the
# top of each page, and the draft still shows. make build and CI stop on them.
# A port in use is one line naming the fix (hooks/filmhub/serve.py).
# PREVIEW is what Python runs; make bench times this same command.
PREVIEW := -m filmhub.serve
serve: $(BUILD_STAMP) ## Preview at http://127.0.0.1:8000 with live reload (PORT=…, HOST=… to change)
	@$(BIN)/python $(PREVIEW) --host "$(HOST)" --port "$(PORT)"

# Every check that needs no rendering, in about a second (hooks/filmhub/check.py).
check: $(BUILD_STAMP) ## Check front matter, Read Next, glossary, content rules and redirects in a second
	@$(BIN)/python -m filmhub.check

# A strict build into a temporary folder that replaces site/ only on success:
# a failed build keeps the last good site (hooks/filmhub/build.py). It also
# checks the new site has what only the hooks make (filmhub/site_invariants.py),
# so a build that skipped them cannot pass.
build: $(BUILD_STAMP) ## Build the site strictly into site/, keeping the last good one on failure
	$(BIN)/python -m filmhub.build

# The tests run on every core (pytest-xdist), a file's tests on one worker so
# its built sites are built once; the workers share one build of the real site.
test: $(TEST_STAMP) ## Run every check and test, as CI does
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@$(BIN)/python -m filmhub.check
	$(BIN)/python -m pytest -n auto --dist loadfile

# A new article with valid front matter and a skeleton the build guides you through:
#   make article HUB=post-production TITLE="Subtitles you can trust"
article: $(BUILD_STAMP) ## Start an article: make article HUB=post-production TITLE="Subtitles you can trust"
	@$(BIN)/python -m filmhub.scaffold --hub "$(HUB)" --title "$(TITLE)"

lint: $(TEST_STAMP) ## Lint and check the formatting of the Python (ruff)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Checks every external URL once (needs the internet); see hooks/filmhub/external_links.py.
linkcheck-external: $(BUILD_STAMP) ## Check every external link once (needs the internet)
	$(BIN)/python -m filmhub.external_links

# What the hooks cost in a build of ARTICLES synthetic articles (interleaved
# whole-process CPU ratios), the preview's save-to-shown time, a reader's
# bytes and the growth on once-quadratic inputs, in one table and in
# test-output/bench-N.json (tests/benchmark.py). ARTICLES=2000, or "500 2000"
# for both and the growth between them, takes a while.
# BENCH passes more options (python tests/benchmark.py --help), e.g. BENCH=--real-glossary.
ARTICLES ?= 500
BENCH ?=
bench: $(TEST_STAMP) ## Measure the hooks' cost, the preview and page weights at ARTICLES=500 (or 2000)
	cd tests && ../$(BIN)/python benchmark.py --articles $(ARTICLES) --preview="$(PREVIEW)" $(BENCH)

format: $(TEST_STAMP) ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The JSON Schemas editors use, made from the build's own rules (hooks/filmhub/schema.py).
schemas: $(BUILD_STAMP) ## Write schemas/*.json again from the front matter and glossary rules
	@$(BIN)/python -m filmhub.schema

# Regenerate the hashed locks in requirements/*.txt from the ranges in
# requirements/*.in, with pip-tools in a throwaway venv, from PyPI itself
# (whatever mirror the machine's pip is set to). Pins already in the locks are
# kept where the ranges allow; `make lock UPGRADE=1` moves everything to the newest.
PIP_TOOLS := pip-tools==7.5.3
lock: ## Regenerate the hashed locks in requirements/ after changing requirements/*.in
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	PIP_CONFIG_FILE=/dev/null .lock-venv/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	cd requirements && for group in build test lint audit; do \
	  PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make lock" ../.lock-venv/bin/pip-compile --quiet \
	    --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
	    --index-url https://pypi.org/simple --output-file $$group.txt $$group.in || exit 1; \
	done
	rm -rf .lock-venv

clean: ## Remove the built site, caches and test output
	rm -rf site site.tmp-* site.old-* .pytest_cache test-output
