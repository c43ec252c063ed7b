# backprop-notebooks: `make lab` to learn, `make test` to check everything.
# Both create .venv on first use (needs Python 3.11+ as $(PYTHON)) and reuse it afterwards;
# the venv is reinstalled only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CACHE  := $(CURDIR)/.cache
PORT   ?= 8888
# The static site's MathJax (installed by npm, see `site` below) and where `make site` writes.
SITE_NPM := $(CACHE)/site-npm
MATHJAX  := $(SITE_NPM)/node_modules/mathjax/es5/tex-chtml-full.js
SITE_DIR ?= site

# Keep IPython, matplotlib and Jupyter state out of the home directory and quiet.
export IPYTHONDIR            := $(CACHE)/ipython
export MPLCONFIGDIR          := $(CACHE)/matplotlib
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help lab test lint format notebooks student bench screenshots site site-screenshots times clean hub-deps hub-bench

help:
	@echo "make lab        install (first time) and open the series in JupyterLab"
	@echo "make test       install (first time) and run every test: lint, library, notebooks"
	@echo "make notebooks  re-execute every notebook in a fresh kernel and store its outputs"
	@echo "make student    write student/: the notebooks without solution cells, outputs cleared"
	@echo "make format     apply ruff's formatting and safe fixes"
	@echo "make bench      run benchmarks/ (about 5 min) and rewrite benchmarks/RESULTS.md"
	@echo "make screenshots  redraw docs/screenshots/ from every widget notebook in JupyterLab"
	@echo "make site       build the static site of the series into site/ (works offline)"
	@echo "make site-screenshots  retake docs/screenshots/site_*.png from the static site"
	@echo "make times      re-estimate each notebook's time in docs/teaching.md"
	@echo "make hub-deps   install JupyterHub, nbgitpuller and configurable-http-proxy (tests/hub)"
	@echo "make hub-bench  per-student resources, 5/10/20 students on one hub: RESULTS.md (~8 min)"
	@echo "make clean      remove .venv and caches"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed as '$(PYTHON)' (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[lab,test,browser]"
	@touch $(STAMP)

lab: $(STAMP)
	@mkdir -p $(IPYTHONDIR) $(MPLCONFIGDIR)
	@# A fresh random token every time, 127.0.0.1 only, --allow-root only when run as root.
	@# JupyterLab masks a token it was given in its log, so the address is printed here.
	@token="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(32))')"; \
	echo "Open http://127.0.0.1:$(PORT)/lab/tree/notebooks/00_start_here.ipynb?token=$$token"; \
	echo "(Ctrl-C stops JupyterLab; PORT=8890 make lab picks another port.)"; \
	exec $(BIN)/jupyter-lab --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb \
		--ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) --ServerApp.port_retries=0 \
		--IdentityProvider.token="$$token" \
		$$(test "$$(id -u)" = 0 && echo --allow-root)

test: $(STAMP) lint $(MATHJAX)
	@mkdir -p $(IPYTHONDIR) $(MPLCONFIGDIR)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

notebooks: $(STAMP)
	@mkdir -p $(IPYTHONDIR) $(MPLCONFIGDIR)
	$(BIN)/python tools/run_notebooks.py notebooks/*.ipynb

# The student edition: every notebook without its cells tagged `solution`, outputs cleared
# (nbconvert's TagRemovePreprocessor and ClearOutputPreprocessor), into student/.
student: $(STAMP)
	rm -rf student
	$(BIN)/python -m tools.make_student --out student

# The benchmarks need what `make test` installs. PyTorch is optional: with torch==2.13.0 in
# the interpreter, the PyTorch comparison runs too; BENCH_PYTHON=/path/to/python runs the
# benchmarks with another interpreter that has it.
BENCH_PYTHON ?= $(BIN)/python

bench: $(STAMP)
	@mkdir -p $(IPYTHONDIR) $(MPLCONFIGDIR)
	$(BENCH_PYTHON) -m benchmarks.run_all

# The README's pictures, taken in JupyterLab in Chromium by the browser tests' own driver.
screenshots: $(STAMP)
	$(BIN)/python -m tools.screenshots

# The static site (tools/site/build_site.py): the notebooks as stored, as web pages that need
# no network. MathJax comes from the npm registry at the version tools/site/package-lock.json
# fixes, installed into .cache (npm's own cache too), and is copied into site/.
$(MATHJAX): tools/site/package.json tools/site/package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed to install MathJax"; exit 1; }
	@mkdir -p $(SITE_NPM)
	cp tools/site/package.json tools/site/package-lock.json $(SITE_NPM)/
	cd $(SITE_NPM) && npm_config_cache=$(CACHE)/npm npm ci --ignore-scripts --no-audit \
		--no-fund --loglevel=error
	@touch $(MATHJAX)

# SITE_FLAGS=--without-solutions leaves out the worked solutions (cells tagged `solution`).
site: $(STAMP) $(MATHJAX)
	$(BIN)/python -m tools.site.build_site --out $(SITE_DIR) $(SITE_FLAGS)

site-screenshots: $(STAMP) $(MATHJAX)
	$(BIN)/python -m tools.site.screenshots

times: $(STAMP)
	$(BIN)/python -m tools.estimate_times --update docs/teaching.md notebooks/[0-9][0-9]_*.ipynb

# JupyterHub for tests/hub and the hub benchmarks: the `hub` extra from PyPI, and
# configurable-http-proxy from the npm registry at the versions locked in tools/hub/, installed
# with `npm ci` into .cache/hub-node (never into the home directory, never by hand).
# Once installed, `make test` runs tests/hub; .ci/run installs it and requires it.
HUB_STAMP := $(VENV)/.hub-stamp
HUB_NODE  := $(CACHE)/hub-node

$(HUB_STAMP): $(STAMP) tools/hub/package.json tools/hub/package-lock.json
	$(BIN)/python -m pip install --quiet -e ".[lab,test,browser,hub]"
	rm -rf $(HUB_NODE) && mkdir -p $(HUB_NODE)
	cp tools/hub/package.json tools/hub/package-lock.json $(HUB_NODE)/
	cd $(HUB_NODE) && npm ci --cache $(CACHE)/npm --no-audit --no-fund --loglevel=error
	@touch $(HUB_STAMP)

hub-deps: $(HUB_STAMP)

hub-bench: $(HUB_STAMP)
	@mkdir -p $(IPYTHONDIR) $(MPLCONFIGDIR)
	$(BIN)/python -m benchmarks.student_resources
	$(BIN)/python -m benchmarks.hub_load

clean:
	rm -rf $(VENV) .cache .pytest_cache .hypothesis student site
