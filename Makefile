# printkit: `make demo` prints the example campaign into out/, `make serve` opens it in a
# browser, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test test-fast lint typecheck check-all system-deps browser clean

demo: $(STAMP)
	$(BIN)/printkit build -o out --overwrite
	@echo "PDFs written to out/"

# The organiser's workspace on 127.0.0.1, opened in the browser (Ctrl-C stops it).
serve: $(STAMP)
	$(BIN)/printkit serve --open

# The full suite (the wheel build, the big runs and the browser tests included);
# `make test-fast` for every edit.
test: $(STAMP) browser
	$(BIN)/pytest -m "slow or not slow"

test-fast: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check printkit tests benchmarks
	$(BIN)/ruff format --check printkit tests benchmarks
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

check-all: test lint typecheck

# WeasyPrint is several times faster at writing PDFs with HarfBuzz's subsetter.
# Installed where this is a Debian or Ubuntu machine and we may; skipped otherwise.
system-deps:
	@if command -v dpkg >/dev/null && ! dpkg -s libharfbuzz-subset0 >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq libharfbuzz-subset0 || (apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0)) \
	      || echo "note: could not install libharfbuzz-subset0; printkit works, PDF writing is slower"; \
	  else echo "note: install libharfbuzz-subset0 for faster PDF writing (sudo apt-get install libharfbuzz-subset0)"; fi; \
	fi

# The browser tests drive Debian's Chromium (never a browser Playwright downloads).
# Installed where this is a Debian or Ubuntu machine and we may; the tests skip otherwise.
browser:
	@if command -v dpkg >/dev/null && ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -qq chromium || (apt-get update -qq && apt-get install -y -qq chromium)) \
	      || echo "note: could not install chromium; the browser tests will be skipped"; \
	  else echo "note: install chromium for the browser tests (sudo apt-get install chromium)"; fi; \
	fi

$(STAMP): pyproject.toml
	$(MAKE) system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) out build dist
