# Everything a newcomer needs: `make demo` and `make test` set up the rest from nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

.PHONY: demo test bench bench-large setup graphviz clean

demo: setup
	$(BIN)/svcmap validate
	$(BIN)/svcmap analyze
	$(BIN)/svcmap report --out out/site

# Lint (ruff), the layers of the pipeline (import-linter, contracts in pyproject.toml), then the tests.
test: setup
	$(BIN)/ruff check svcmap tests bench
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# N=2,000 products, every command against the peer and the floor: a few minutes.
bench: setup
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python -m bench

# N=100,000 products (200,001 files): validate cold and warm against the floor, 10+ minutes; not part
# of `make test`. The catalog is generated once (~2 min) and kept in $TMPDIR/svcmap-bench (default /tmp).
bench-large: setup
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python -m bench --suite large

setup: $(READY) graphviz

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

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
