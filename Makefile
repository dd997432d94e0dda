# The lab's commands. `make setup` once, then `make test`, `make run-<arch>`, `make bench-<arch>`, `make chaos-<arch>`,
# `make report`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB    := $(BIN)/python -m lab
DB     ?=
PROFILE ?=
REPEAT ?= 1
ARCH   ?=
COMPONENT ?=

ARCHITECTURES := monolith three_tier soa microservices

.PHONY: setup test lint unit contract charts report demo bench-all bench-scaling chaos-all clean \
        $(addprefix run-,$(ARCHITECTURES)) $(addprefix ui-,$(ARCHITECTURES)) $(addprefix bench-,$(ARCHITECTURES)) \
        $(addprefix chaos-,$(ARCHITECTURES))

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
	$(LAB) bench $*$(if $(DB), --db $(DB))$(if $(PROFILE), --profile $(PROFILE)) --repeat $(REPEAT)

bench-scaling: setup
	@test -n "$(ARCH)" || { echo "usage: make bench-scaling ARCH=<one of: $(ARCHITECTURES)>"; exit 2; }
	$(LAB) scaling $(ARCH) $(if $(DB),--db $(DB))

bench-all: setup
	$(LAB) bench-all --repeat $(REPEAT)

$(addprefix chaos-,$(ARCHITECTURES)): chaos-%: setup
	$(LAB) chaos $*$(if $(DB), --db $(DB))$(if $(COMPONENT), --component $(COMPONENT))

chaos-all: setup
	$(LAB) chaos-all

demo: setup
	$(LAB) demo

report: setup
	$(LAB) report

charts: report  # the name earlier versions of the lab used

clean:
	rm -rf var .pytest_cache .ruff_cache
