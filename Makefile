# Every target builds and uses its own virtual environment (.venv) on first use:
# a fresh machine needs nothing but Python >= 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARGS   ?=

.PHONY: test demo mocks bench fuzz chaos contract lint venv clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

## make test: unit tests, mock fidelity tests and every scenario, in parallel
test: $(STAMP)
	$(BIN)/python -m pytest -n auto -q

## make demo: start both mocks, seed a store, run the connector, print the reports
demo: $(STAMP)
	$(BIN)/python -m demo $(ARGS)

## make mocks: serve both mocks in the foreground (Ctrl-C stops them)
mocks: $(STAMP)
	$(BIN)/python -m demo --mocks-only $(ARGS)

## make bench: speed, call efficiency and scaling (not part of make test)
bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

## make fuzz: a longer schemathesis run over both mocks
fuzz: $(STAMP)
	SHOPHUB_FUZZ_EXAMPLES=$${SHOPHUB_FUZZ_EXAMPLES:-300} $(BIN)/python -m pytest -n auto -q tests/fidelity \
		tests/connector/test_receiver_fuzz.py

## make chaos: the full fault campaign
chaos: $(STAMP)
	$(BIN)/python -m tests.chaos $(ARGS)

## make contract: scenarios and probes against real sandboxes (needs credentials)
contract: $(STAMP)
	SHOPHUB_SANDBOX_PACED=1 $(BIN)/python -m pytest -q -rs tests/contract

## make browser: Debian's headless Chromium for the dashboard test (needs root; skipped tests otherwise)
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium is not installed: the dashboard browser test will be skipped"

## make lint: ruff, and mypy over the core modules ([tool.mypy] in pyproject.toml)
lint: $(STAMP)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) .shophub
