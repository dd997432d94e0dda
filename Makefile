# The lab's commands. `make setup` once, then `make test`, `make run-<arch>`, `make bench-<arch>`, `make chaos-<arch>`,
# `make trace-<arch>`, `make report`. A bare `make` lists them all: each target's line is the `## ` comment above it,
# "## <target>: what it does (how long it takes)". The lab's targets only forward to `python -m lab`, whose --help is
# the reference; a variable left empty leaves the lab's own default.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB    := $(BIN)/python -m lab
DB     ?=
PROFILE ?=
REPEAT ?=
KNEE_ROUNDS ?=
ARCH   ?=
STEP   ?=
FAST   ?=
COMPONENT ?=
MODE   ?=
ANSWERS ?=
BASE_URL ?= http://127.0.0.1:$(or $(PORT),8000)
NEWMAN := postman/node_modules/.bin/newman

# Every architecture and those the CAP experiment runs, from their registry (topology/registry.py): it needs only
# the standard library, so it answers before `make setup` has made the virtual environment.
ARCHITECTURES := $(shell $(PYTHON) -m topology.registry)
CAP_ARCHITECTURES := $(shell $(PYTHON) -m topology.registry --cap)
ifeq ($(ARCHITECTURES),)
$(error $(PYTHON) -m topology.registry listed no architecture: Python 3.11 or newer is needed)
endif

.PHONY: setup test test-class class test-fast lint unit contract postman charts report demo bench-all bench-knee bench-scaling bench-replicas bench-cluster cluster-all bench-open overload overload-all \
        chaos-all stop images test-containers clean translations worksheet check-worksheet trace-all bench-tracing bench-micro help \
        $(addprefix run-,$(ARCHITECTURES)) $(addprefix trace-,$(ARCHITECTURES)) $(addprefix ui-,$(ARCHITECTURES)) $(addprefix bench-,$(ARCHITECTURES)) \
        $(addprefix chaos-,$(ARCHITECTURES)) $(addprefix cap-,$(CAP_ARCHITECTURES)) cap-all

.DEFAULT_GOAL := help

## help: this list, which a bare `make` shows too (instant)
help:
	@echo "make <target> [VARIABLE=value ...], where <arch> is one of: $(ARCHITECTURES)"
	@sed -n 's/^## //p' $(MAKEFILE_LIST) | \
	  awk -F': ' '{ printf "  %-16s %s\n", $$1, substr($$0, length($$1) + 3) }'

## setup: once: a virtual environment with every pinned dependency (about a minute)
setup: $(VENV)/.installed

# newman, which runs the Postman collection, comes from npm: without npm only its test is skipped, but where npm
# exists a failing `npm ci` fails the setup (hence if/else rather than `&& ... ||`).
$(VENV)/.installed: requirements.txt requirements-tracing.txt requirements-dev.txt constraints.txt postman/package-lock.json
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.0.1
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix postman --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: newman (the Postman collection's runner) is not installed and its test will be skipped"; fi
	touch $@

## lint: ruff's checks and formatting, the import contracts and the type checker (seconds)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

## test: lint, then every test suite, as CI runs them (about 15 minutes)
test: lint
	$(BIN)/pytest

# The fast loop, under a minute and with no server started: the unit tests, and the contract suite over every
# architecture's processes wired inside the test process (tests/inprocess). `make test` stays the full check.
## test-fast: the unit tests and the contract suite in process, no server started (about 40 s)
test-fast: setup
	IN_PROCESS=1 $(BIN)/pytest tests/unit tests/inprocess tests/contract

## test-class: every command of the class guide (docs/class/), run with its short-run words, as CI does (minutes)
test-class: setup
	CLASS_COMMANDS=1 $(BIN)/pytest tests/course

## unit: the unit tests alone (about 20 s)
unit: setup
	$(BIN)/pytest tests/unit

## contract: the contract suite against every architecture's servers (minutes)
contract: setup
	$(BIN)/pytest tests/contract

# The Postman collection against a running edge (`make run-<arch>` first, on PORT if that was given to it too);
# ARCH=<arch> also checks which one answers.
## postman: the Postman collection against a running edge; BASE_URL= (or PORT=), ARCH= (seconds)
postman: setup
	@test -x $(NEWMAN) || { echo "newman is missing: install Node.js with npm, then run: npm ci --prefix postman"; exit 2; }
	$(NEWMAN) run postman/bookstore.postman_collection.json --env-var baseUrl=$(BASE_URL)$(if $(ARCH), \
	  --environment postman/environments/$(ARCH).postman_environment.json)

# A terminal's Ctrl-C reaches make as well as the lab: make waits for the lab to stop, then dies of the signal,
# which tells the shell. Were the lab to exit 130 too, make would add "make: *** [...] Error 130" after the stop
# line ("Interrupt" for a lab, or a shell between them, that dies of the signal): hence no shell, and status 0.
## run-<arch>: one architecture in the foreground, seeded; DB=postgres (until Ctrl-C)
$(addprefix run-,$(ARCHITECTURES)): run-%: setup
	$(LAB) run $*$(if $(DB), --db $(DB)) --ctrl-c-status 0

## ui-<arch>: run-<arch> and Locust's web UI on :8089, its form at 100 users (until Ctrl-C)
$(addprefix ui-,$(ARCHITECTURES)): ui-%: setup
	$(LAB) ui $*$(if $(DB), --db $(DB)) --ctrl-c-status 0

## bench-<arch>: users-100, users-1000, the saturation run, the floor, the report; DB=, PROFILE=, REPEAT= (6-7 minutes)
$(addprefix bench-,$(ARCHITECTURES)): bench-%: setup
	$(LAB) bench $*$(if $(DB), --db $(DB))$(if $(PROFILE), --profile $(PROFILE))$(if $(REPEAT), --repeat $(REPEAT))

## bench-scaling: ARCH='s busiest component scaled up and out under 1,500 users, 5 runs (about 5 minutes)
bench-scaling: setup
	@test -n "$(ARCH)" || { echo "usage: make bench-scaling ARCH=<one of: $(ARCHITECTURES)>"; exit 2; }
	$(LAB) scaling $(ARCH) $(if $(DB),--db $(DB))

# The open loop (k6, loadtests/open_loop.js): arrival rates fixed whatever the latency, as docs/bench.md explains.
## bench-open: ARCH= driven by k6 at fixed arrival rates, light to 1.5x its knee; DB= (about 3 minutes)
bench-open: setup
	@test -n "$(ARCH)" || { echo "usage: make bench-open ARCH=<one of: $(ARCHITECTURES)>"; exit 2; }
	$(LAB) bench-open $(ARCH)$(if $(DB), --db $(DB))

## overload: ARCH= on machines, 0.5x capacity, a 3x spike for 30 s, 0.5x; the verdicts (as root, about 2 minutes)
overload: setup
	@test -n "$(ARCH)" || { echo "usage: make overload ARCH=<one of: $(ARCHITECTURES)>"; exit 2; }
	$(LAB) overload $(ARCH)

## overload-all: overload for every architecture in turn, then the report (as root, about 10 minutes)
overload-all: setup
	$(LAB) overload

# Machines of their own (cgroups with CPU quotas) behind HAProxy: as root, with HAProxy installed (see README).
## bench-cluster: ARCH= on machines of their own behind HAProxy, scaled up, out, with replicas (as root, about 12 minutes)
bench-cluster: setup
	@test -n "$(ARCH)" || { echo "usage: make bench-cluster ARCH=<one of: $(ARCHITECTURES)>"; exit 2; }
	$(LAB) cluster $(ARCH)

## cluster-all: bench-cluster for every architecture, then the report (as root, about 50 minutes)
cluster-all: setup
	$(LAB) cluster

# One architecture without replicas, then with one replica and READS=replica, then bounded (about 25 minutes).
## bench-replicas: ARCH= without replicas, then one replica read in each mode (about 25 minutes)
bench-replicas: setup
	@test -n "$(ARCH)" || { echo "usage: make bench-replicas ARCH=<one of: $(ARCHITECTURES)> [DB=postgres]"; exit 2; }
	$(LAB) replicas $(ARCH) $(if $(DB),--db $(DB))

## bench-all: every architecture's bench and scaling runs, then the report (about 35 minutes)
bench-all: setup
	$(LAB) bench-all$(if $(REPEAT), --repeat $(REPEAT))

# The knee model judged over repeats: rounds of users-100 then the saturation run for all four, interleaved (about 13
# minutes a round).
## bench-knee: KNEE_ROUNDS=3 rounds of users-100 and the saturation run for all four (about 40 minutes)
bench-knee: setup
	$(LAB) bench-knee$(if $(KNEE_ROUNDS), --rounds $(KNEE_ROUNDS))

## chaos-<arch>: stop each component in turn under load, COMPONENT= for one (about 1.5 minutes each)
$(addprefix chaos-,$(ARCHITECTURES)): chaos-%: setup
	$(LAB) chaos $*$(if $(DB), --db $(DB))$(if $(COMPONENT), --component $(COMPONENT))

## chaos-all: the fault experiment for every component of every architecture (about 20 minutes)
chaos-all: setup
	$(LAB) chaos-all

# The CAP experiment (as root: it makes network namespaces): two sites, a partition, CP then AP (MODE= for one).
## cap-<arch>: two sites cut apart, CP then AP (MODE= for one); not soa (as root, about 2 minutes)
$(addprefix cap-,$(CAP_ARCHITECTURES)): cap-%: setup
	$(LAB) cap $*$(if $(MODE), --mode $(MODE))

## cap-all: every cap-<arch> in turn, then the report (as root, about 7 minutes)
cap-all: setup
	$(LAB) cap $(CAP_ARCHITECTURES)

# One scripted visit traced 20 times (TRACE=1), the median order and book page drawn as waterfalls; -all adds
# the report's "One request, four architectures". bench-tracing: users-1000 untraced and traced, side by side.
## trace-<arch>: one scripted visit traced 20 times, drawn as waterfalls (under a minute)
$(addprefix trace-,$(ARCHITECTURES)): trace-%: setup
	$(LAB) trace $* $(if $(DB),--db $(DB))

## trace-all: every architecture traced, then the report (about a minute)
trace-all: setup
	$(LAB) trace-all

## bench-tracing: users-1000 untraced and traced for every architecture (about 12 minutes)
bench-tracing: setup
	$(LAB) bench-tracing

# Each endpoint flat out with wrk (apt-get install wrk) for the floor, the hop pairs and every architecture,
# 3 rounds in alternation (about 13 minutes). PROFILE_SERVERS=1 keeps each server worker's CPU profile.
## bench-micro: each endpoint flat out with wrk, beside the floor and bare hops, 3 rounds (about 13 minutes)
bench-micro: setup
	$(LAB) bench-micro

# The course's order (docs/class/): each lecture step's demo, its commands run one after the other.
## class: the course's steps; STEP=N runs that step's demo and says what to point at, FAST=1 rehearses it (minutes)
class: setup
	$(LAB) class $(STEP)$(if $(FAST), --fast)

## demo: a short campaign for a class into results/demo/, then its report (7 minutes)
demo: setup
	$(LAB) demo

## translations: add the code's new messages to the Spanish catalog (lab/i18n/locale), list what lacks one (seconds)
translations: setup
	$(BIN)/python -m lab.i18n update

## report: rebuild results/index.html and its charts from the results there; LAB_LANG=es in Spanish (seconds)
report: setup
	$(LAB) report

## worksheet: each step's exercise and questions with your own numbers, results/worksheet.html; LAB_LANG=es (seconds)
worksheet: setup
	$(LAB) worksheet

## check-worksheet: your answers (ANSWERS=, default results/answers.toml) against your own results (seconds)
check-worksheet: setup
	$(LAB) check-worksheet$(if $(ANSWERS), --answers $(ANSWERS))

# The images, built with whichever engine is here (docker or podman; CONTAINER_ENGINE= to choose), named as the
# compose files and manifests name them: every architecture's, or ARCH's.
## images: every architecture's container images, or ARCH='s, with docker or podman (minutes)
images: setup
	$(LAB) images $(ARCH)

# Build every image and run every architecture's compose file for real, with the contract suite against it;
# ARCH= builds and runs that architecture's alone, without the cluster run.
## test-containers: every image built, each compose file and one cluster run with the contract suite; ARCH= (about 5-6 minutes)
test-containers: setup
	$(LAB) test-containers $(ARCH)

# Whatever the lab left running, for any architecture: launchers stop as on Ctrl-C, orphaned servers are ended.
## stop: whatever the lab left running, for any architecture (seconds)
stop: setup
	$(LAB) stop

## charts: what report was called before (seconds)
charts: report  # the name earlier versions of the lab used

## clean: remove var/ and the test and lint caches (instant)
clean:
	rm -rf var .pytest_cache .ruff_cache .mypy_cache
