# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench setup clean postgres ocr chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

setup: $(STAMP) postgres ocr chromium

## The tests start their own PostgreSQL server from the Debian package: install it when missing.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends postgresql; }

## Scanned PDFs are read by Tesseract (English, simplified and traditional Chinese); the tests
## draw their scans with a CJK font. Install them when missing.
ocr:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -q chi_sim \
	  && fc-list :lang=zh 2>/dev/null | grep -q .; } || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra fonts-noto-cjk; }

## The web chat's browser tests drive Debian's chromium (Playwright with executable_path; no
## browser is downloaded from anywhere else): install it when missing, on Debian.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  command -v apt-get >/dev/null 2>&1 || { echo "no apt-get: install chromium yourself for the browser tests"; exit 0; }; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends chromium; }

## Set up, then start the main job: the platforms with tokens configured, else the console chat.
run: $(STAMP)
	$(BIN)/nfpbot run

## Set up, then lint (ruff), type-check (mypy on bot/ index/ adapters/) and run the test suite.
test: $(STAMP) postgres ocr chromium
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n auto

## Set up, then run the benchmarks (separate from the tests) and print one table.
bench: $(STAMP) postgres ocr
	$(BIN)/python tests/benchmarks/run_all.py

clean:
	rm -rf $(VENV) var
