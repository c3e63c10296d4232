# The README's two commands: `make demo` and `make test`. Both work on a fresh machine.
# the interpreter .venv is built on: see scripts/pick-python.sh
PYTHON ?= $(shell bash scripts/pick-python.sh)
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: install archetype-bundle demo test test-deps vendor-mermaid serve lint format eval bench fuzz fuzz-atheris clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[web,mcp,test]'
	touch $@

install: $(VENV)/.installed vendor-mermaid archetype-bundle

# load caches generated from the knowledge files (not tracked): the archetype and other YAML files
# as JSON (a few ms to load instead of ~0.5 s of YAML) and the prefilter literals of every Stage 1
# pattern (see archwright/intake/prefilter_table.py); a missing or stale one only costs time
archetype-bundle: $(VENV)/.installed
	$(PY) -m archwright.catalog

# mermaid.js for the web page and `generate --html`, copied from the npm package (never a CDN).
vendor-mermaid:
	bash scripts/vendor-mermaid.sh

demo: install
	$(BIN)/archwright generate --file examples/social-app.txt --out architecture --html
	@echo "Document: architecture/architecture.md"

# System packages (PostgreSQL, Chromium) and the Node reference parsers the tests run.
test-deps:
	bash scripts/install-test-deps.sh

test: install test-deps
	bash scripts/vendor-mermaid.sh  # again: test-deps may just have installed npm
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/ruff format --check src tests benchmarks fuzz
	$(BIN)/lint-imports
	$(PY) -m pytest

lint: install
	$(BIN)/ruff check src tests benchmarks

format: install
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Stage 1 per-field accuracy on the labelled corpus
eval: install
	$(PY) -m archwright.intake.evaluate tests/data/corpus.yaml

# compileall: the cold-start figures are those of an installed wheel, whose modules pip compiles
# (an editable install in an environment with PYTHONDONTWRITEBYTECODE set would compile every
# module in every new process)
bench: install
	$(PY) -m compileall -q src
	$(PY) benchmarks/run.py

# Opt-in fuzzing (not part of `make test`): 10,000 adversarial prompts, every artifact parsed.
FUZZ_EXAMPLES ?= 10000
fuzz: install
	$(PY) -m fuzz.campaign --examples $(FUZZ_EXAMPLES) --jobs 2 --full-every 20 --report fuzz-report.json

FUZZ_RUNS ?= 20000
fuzz-atheris: install
	$(PY) -m pip install -q --disable-pip-version-check atheris
	$(PY) -m fuzz.atheris_target -runs=$(FUZZ_RUNS) -max_len=4096

serve: install
	$(BIN)/archwright serve

clean:
	rm -rf $(VENV) architecture .pytest_cache .ruff_cache tools/validators/node_modules
