# The lab's commands. `make setup` once, then `make test`, `make run-<arch>`, `make bench-<arch>`, `make charts`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB    := $(BIN)/python -m lab
DB     ?=
PROFILE ?=

ARCHITECTURES := monolith three_tier soa microservices

.PHONY: setup test lint unit contract charts clean $(addprefix run-,$(ARCHITECTURES)) \
        $(addprefix ui-,$(ARCHITECTURES)) $(addprefix bench-,$(ARCHITECTURES))

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.0.1
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

unit: setup
	$(BIN)/pytest tests/unit

contract: setup
	$(BIN)/pytest tests/contract

$(addprefix run-,$(ARCHITECTURES)): run-%: setup
	$(LAB) run $* $(if $(DB),--db $(DB))

$(addprefix ui-,$(ARCHITECTURES)): ui-%: setup
	$(LAB) ui $* $(if $(DB),--db $(DB))

$(addprefix bench-,$(ARCHITECTURES)): bench-%: setup
	$(LAB) bench $* $(if $(DB),--db $(DB)) $(if $(PROFILE),--profile $(PROFILE))

charts: setup
	$(LAB) charts

clean:
	rm -rf var .pytest_cache .ruff_cache
