# Everything a newcomer needs: `make demo` and `make test` set up the rest from nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

JS       := tools/js
JS_READY := $(JS)/node_modules/.ready

.PHONY: demo test screenshots bench bench-large setup locale graphviz js chromium clean

demo: setup
	$(BIN)/svcmap validate
	$(BIN)/svcmap analyze
	$(BIN)/svcmap report --out out/site
	$(BIN)/svcmap publish lpdc --out out/site/lpdc

# Lint (ruff), the layers of the pipeline (import-linter, contracts in pyproject.toml), then the tests;
# the BPMN and Mermaid tests run the modellers' own tools (tools/js) in Debian's chromium, and the report's
# site is opened there page by page, with axe-core's accessibility scan (tests/report/test_site_browser.py).
test: setup js chromium
	$(BIN)/ruff check svcmap tests bench tools
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# The example catalog's site, and full-page PNGs of one page of each kind in it (index, a process, a life
# event, a unit, ...), taken in Debian's chromium at 1280 px, for a person to look at: out/screenshots.
screenshots: setup chromium
	$(BIN)/svcmap report --out out/site
	$(BIN)/python -m tools.site.screenshots out/site --out out/screenshots

# N=2,000 products, every command against the peer and the floor: a few minutes.
bench: setup
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python -m bench

# N=100,000 products (200,001 files): validate cold and warm against the floor, 10+ minutes; not part
# of `make test`. The catalog is generated once (~2 min) and kept in $TMPDIR/svcmap-bench (default /tmp).
bench-large: setup
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python -m bench --suite large

setup: $(READY) graphviz locale

# The translations, svcmap/locale/*/LC_MESSAGES/*.po, compiled to .mo as a build of the package does.
locale: $(READY)
	@$(BIN)/python hatch_build.py >/dev/null

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q svcmap  # as an installed package would be, even where bytecode writing is off
	touch $@

# Graphviz's `dot` renders the diagrams; Debian's package is installed where it is missing.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Graphviz (Debian package graphviz)"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq graphviz >/dev/null; }

# bpmnlint, bpmn-js, Mermaid's CLI and axe-core, from tools/js/package-lock.json into tools/js/node_modules; Mermaid's
# CLI uses Debian's chromium, so puppeteer downloads no browser. Node.js and npm come from Debian where missing.
js: $(JS_READY)

$(JS_READY): $(JS)/package.json $(JS)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Node.js and npm (Debian packages nodejs, npm)"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	cd $(JS) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium: bpmn-js and Mermaid's renderer run in it, headless.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing Chromium (Debian package chromium)"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info $(JS)/node_modules
