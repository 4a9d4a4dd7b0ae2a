# printkit: `make demo` prints the example campaign into out/, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint typecheck check-all system-deps clean

demo: $(STAMP)
	$(BIN)/printkit build -o out
	@echo "PDFs written to out/"

# The full suite (the wheel build and the big runs included); `make test-fast` for every edit.
test: $(STAMP)
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

$(STAMP): pyproject.toml
	$(MAKE) system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) out build dist
