# The lab's commands. `make setup` once, then `make test`, `make run-<arch>`, `make bench-<arch>`, `make chaos-<arch>`,
# `make trace-<arch>`, `make report`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB    := $(BIN)/python -m lab
DB     ?=
PROFILE ?=
REPEAT ?= 1
KNEE_ROUNDS ?= 3
ARCH   ?=
COMPONENT ?=
MODE   ?=
BASE_URL ?= http://127.0.0.1:8000
NEWMAN := postman/node_modules/.bin/newman

ARCHITECTURES := monolith three_tier soa microservices
CAP_ARCHITECTURES := three_tier microservices monolith

.PHONY: setup test test-fast lint unit contract postman charts report demo bench-all bench-knee bench-scaling bench-replicas \
        chaos-all stop images test-containers clean trace-all bench-tracing bench-micro \
        $(addprefix run-,$(ARCHITECTURES)) $(addprefix trace-,$(ARCHITECTURES)) $(addprefix ui-,$(ARCHITECTURES)) $(addprefix bench-,$(ARCHITECTURES)) \
        $(addprefix chaos-,$(ARCHITECTURES)) $(addprefix cap-,$(CAP_ARCHITECTURES)) cap-all

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

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

# The fast loop, under a minute and with no server started: the unit tests, and the contract suite over every
# architecture's processes wired inside the test process (tests/inprocess). `make test` stays the full check.
test-fast: setup
	IN_PROCESS=1 $(BIN)/pytest tests/unit tests/inprocess tests/contract

unit: setup
	$(BIN)/pytest tests/unit

contract: setup
	$(BIN)/pytest tests/contract

# The Postman collection against a running edge (`make run-<arch>` first); ARCH=<arch> also checks which one answers.
postman: setup
	@test -x $(NEWMAN) || { echo "newman is missing: install Node.js with npm, then run: npm ci --prefix postman"; exit 2; }
	$(NEWMAN) run postman/bookstore.postman_collection.json --env-var baseUrl=$(BASE_URL)$(if $(ARCH), \
	  --environment postman/environments/$(ARCH).postman_environment.json)

# A terminal's Ctrl-C reaches make as well as the lab: make waits for the lab to stop, then dies of the signal,
# which tells the shell. Were the lab to exit 130 too, make would add "make: *** [...] Error 130" after the stop
# line ("Interrupt" for a lab, or a shell between them, that dies of the signal): hence no shell, and status 0.
$(addprefix run-,$(ARCHITECTURES)): run-%: setup
	$(LAB) run $*$(if $(DB), --db $(DB)) --ctrl-c-status 0

$(addprefix ui-,$(ARCHITECTURES)): ui-%: setup
	$(LAB) ui $*$(if $(DB), --db $(DB)) --ctrl-c-status 0

$(addprefix bench-,$(ARCHITECTURES)): bench-%: setup
	$(LAB) bench $*$(if $(DB), --db $(DB))$(if $(PROFILE), --profile $(PROFILE)) --repeat $(REPEAT)

bench-scaling: setup
	@test -n "$(ARCH)" || { echo "usage: make bench-scaling ARCH=<one of: $(ARCHITECTURES)>"; exit 2; }
	$(LAB) scaling $(ARCH) $(if $(DB),--db $(DB))

# One architecture without replicas, then with one replica and READS=replica, then bounded (about 25 minutes).
bench-replicas: setup
	@test -n "$(ARCH)" || { echo "usage: make bench-replicas ARCH=<one of: $(ARCHITECTURES)> [DB=postgres]"; exit 2; }
	$(LAB) replicas $(ARCH) $(if $(DB),--db $(DB))

bench-all: setup
	$(LAB) bench-all --repeat $(REPEAT)

# The knee model judged over repeats: rounds of users-100 then users-1000000 for all four, interleaved (about 13
# minutes a round).
bench-knee: setup
	$(LAB) bench-knee --rounds $(KNEE_ROUNDS)

$(addprefix chaos-,$(ARCHITECTURES)): chaos-%: setup
	$(LAB) chaos $*$(if $(DB), --db $(DB))$(if $(COMPONENT), --component $(COMPONENT))

chaos-all: setup
	$(LAB) chaos-all

# The CAP experiment (as root: it makes network namespaces): two sites, a partition, CP then AP (MODE= for one).
$(addprefix cap-,$(CAP_ARCHITECTURES)): cap-%: setup
	$(LAB) cap $*$(if $(MODE), --mode $(MODE))

cap-all: setup
	$(LAB) cap three_tier microservices

# One scripted visit traced 20 times (TRACE=1), the median order and book page drawn as waterfalls; -all adds
# the report's "One request, four architectures". bench-tracing: users-1000 untraced and traced, side by side.
$(addprefix trace-,$(ARCHITECTURES)): trace-%: setup
	$(LAB) trace $* $(if $(DB),--db $(DB))

trace-all: setup
	$(LAB) trace-all

bench-tracing: setup
	$(LAB) bench-tracing

# Each endpoint flat out with wrk (apt-get install wrk) for the floor, the hop pairs and every architecture,
# 3 rounds in alternation (about 13 minutes). PROFILE_SERVERS=1 keeps each server worker's CPU profile.
bench-micro: setup
	$(LAB) bench-micro

demo: setup
	$(LAB) demo

report: setup
	$(LAB) report

# The images, built with whichever engine is here (docker or podman; CONTAINER_ENGINE= to choose), named as the
# compose files and manifests name them: every architecture's, or ARCH's.
images: setup
	$(LAB) images $(ARCH)

# Build every image and run every architecture's compose file for real, with the contract suite against it.
test-containers: setup
	$(LAB) test-containers

# Whatever the lab left running, for any architecture: launchers stop as on Ctrl-C, orphaned servers are ended.
stop: setup
	$(LAB) stop

charts: report  # the name earlier versions of the lab used

clean:
	rm -rf var .pytest_cache .ruff_cache
