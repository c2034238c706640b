# Every target builds and uses its own virtual environment (.venv) on first use:
# a fresh machine needs nothing but Python >= 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARGS   ?=

.PHONY: test demo mocks bench fuzz chaos contract lint venv clean browser faketime conformance

$(STAMP): pyproject.toml
	@echo "== first run: creating $(VENV) and installing the dependencies (about a minute; once) =="
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -e '.[test]' | grep -E '^(Collecting|Successfully)' || true
	@$(BIN)/python -c "import flask, pytest, xdist" || { echo "pip install failed: run $(BIN)/python -m pip install -e '.[test]'"; exit 1; }
	touch $(STAMP)

venv: $(STAMP)

## make test: unit tests, mock fidelity tests and every scenario, in parallel
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal -q

## make demo: start both mocks, seed a store, run the connector, print the reports
demo: $(STAMP)
	$(BIN)/python -m demo $(ARGS)

## make mocks: both mocks on one clock in the foreground (Ctrl-C stops them);
## fixed ports: make mocks ARGS="--shopify-port 8081 --hubspot-port 8082"
mocks: $(STAMP)
	$(BIN)/python -m mocks $(ARGS)

## make bench: speed, call efficiency and scaling (not part of make test)
bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

## make fuzz: a longer schemathesis run and body fuzz (every operation, nested and wrong-typed JSON) over both mocks
fuzz: $(STAMP)
	SHOPHUB_FUZZ_EXAMPLES=$${SHOPHUB_FUZZ_EXAMPLES:-300} $(BIN)/python -m pytest -n auto -q tests/fidelity \
		tests/connector/test_receiver_fuzz.py

## make chaos: the full fault campaign
chaos: $(STAMP)
	$(BIN)/python -m tools.chaos $(ARGS)

## make contract: scenarios and probes against real sandboxes (needs credentials)
contract: $(STAMP)
	@$(BIN)/python -c "import os; from tests.contract.sandbox import skip_reason; r = skip_reason(os.environ); \
	print('contract: ' + (r + ': the sandbox tests are skipped. What runs now are the stand-in checks against' \
	' second mock processes (about 7 minutes; Ctrl-C stops them).' if r else 'sandbox credentials found.'), flush=True)"
	SHOPHUB_SANDBOX_PACED=1 $(BIN)/python -m pytest -q -rs tests/contract

## make browser: Debian's headless Chromium for the dashboard test (needs root; skipped tests otherwise)
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium is not installed: the dashboard browser test will be skipped"

## make faketime: Debian's libfaketime, so cmd:/serve: connectors that read the system clock run at the
## simulated time (needs root; the system-clock conformance tests are skipped otherwise)
faketime:
	@command -v faketime >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; } || \
		echo "faketime is not installed: the system-clock conformance tests will be skipped"

## make conformance: the whole portable core against the reference connector and examples/shopsync run
## as external programs (make test runs a representative subset)
conformance: $(STAMP)
	SHOPHUB_CONFORMANCE=full $(BIN)/python -m pytest -n 2 -q tests/conformance $(ARGS)

## make lint: ruff, and mypy over the core modules ([tool.mypy] in pyproject.toml)
lint: $(STAMP)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) .shophub
