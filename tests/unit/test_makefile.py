"""The Makefile's per-architecture targets reach the lab's command line (they are phony, so no pattern rules)."""

import os
import re
import subprocess
import sys

import pytest

from lab.paths import ROOT
from topology import registry


def dry_run(*args: str) -> str:
    return subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("architecture", registry.names())
@pytest.mark.parametrize("command", ["run", "ui", "bench", "chaos"])
def test_each_architecture_target_runs_the_lab_command(architecture, command):
    assert f"-m lab {command} {architecture}" in dry_run(f"{command}-{architecture}")


def test_db_and_profile_reach_the_bench():
    assert "-m lab bench monolith --db postgres --profile users-100" in dry_run(
        "bench-monolith", "DB=postgres", "PROFILE=users-100"
    )


def test_bench_all_demo_and_report_reach_the_lab_command():
    assert "-m lab bench-all\n" in dry_run("bench-all")  # the lab's own default, not one of the Makefile's
    assert "-m lab bench-all --repeat 3" in dry_run("bench-all", "REPEAT=3")
    assert "-m lab bench-knee\n" in dry_run("bench-knee")
    assert "-m lab bench-knee --rounds 5" in dry_run("bench-knee", "KNEE_ROUNDS=5")
    assert "-m lab demo" in dry_run("demo")
    assert "-m lab report" in dry_run("report")


def test_component_and_db_reach_the_fault_experiment_and_chaos_all_runs_every_one():
    assert "-m lab chaos soa --component bus" in dry_run("chaos-soa", "COMPONENT=bus")
    assert "-m lab chaos monolith --db postgres" in dry_run("chaos-monolith", "DB=postgres")
    assert "-m lab chaos-all" in dry_run("chaos-all")


def test_bench_scaling_needs_an_architecture_and_passes_it_on():
    assert "-m lab scaling soa" in dry_run("bench-scaling", "ARCH=soa")
    refused = subprocess.run(["make", "bench-scaling"], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0 and "usage: make bench-scaling ARCH=" in refused.stdout


def test_repeat_reaches_each_architectures_bench():
    assert "-m lab bench soa --repeat 2" in dry_run("bench-soa", "REPEAT=2")


def test_postman_runs_the_collection_against_base_url_and_the_environment_of_arch():
    collection = "newman run postman/bookstore.postman_collection.json"
    assert f"{collection} --env-var baseUrl=http://127.0.0.1:8000" in dry_run("postman")
    assert "--environment" not in dry_run("postman")
    chosen = dry_run("postman", "BASE_URL=http://127.0.0.1:9000", "ARCH=soa")
    assert "--env-var baseUrl=http://127.0.0.1:9000" in chosen
    assert "--environment postman/environments/soa.postman_environment.json" in chosen


def test_postman_follows_port_as_run_does_unless_base_url_is_given():
    assert "--env-var baseUrl=http://127.0.0.1:9123" in dry_run("postman", "PORT=9123")
    both = subprocess.run(
        ["make", "-n", "postman"],
        cwd=ROOT,
        env={**os.environ, "PORT": "9123", "BASE_URL": "http://127.0.0.1:9000"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--env-var baseUrl=http://127.0.0.1:9000" in both.stdout


def test_demo_architectures_on_makes_command_line_reaches_the_lab():
    refused = subprocess.run(["make", "demo", "DEMO_ARCHITECTURES=mainframe"], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "DEMO_ARCHITECTURES must name architectures among monolith" in refused.stderr


def newman_install_step() -> str:
    """The setup's shell command that installs newman, as make would run it after the lock file changed."""
    recipe = dry_run("-W", "postman/package-lock.json", "setup").replace("\\\n", "")
    (step,) = [line for line in recipe.splitlines() if "npm ci --prefix postman" in line]
    return step


def run_with_path(command: str, path) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/sh", "-c", command], env={"PATH": str(path)}, capture_output=True, text=True)


def test_setup_installs_newman_from_the_lock_file_when_it_changes():
    assert "npm ci --prefix postman --no-audit --no-fund" in newman_install_step()


def test_setup_without_npm_says_so_and_goes_on(tmp_path):
    done = run_with_path(newman_install_step(), tmp_path)
    assert done.returncode == 0
    assert "npm not found" in done.stdout


def test_setup_fails_when_npm_exists_but_npm_ci_fails(tmp_path):
    fake_npm = tmp_path / "npm"
    fake_npm.write_text("#!/bin/sh\nexit 7\n")
    fake_npm.chmod(0o755)
    assert run_with_path(newman_install_step(), tmp_path).returncode != 0


def test_the_cap_experiment_runs_both_modes_or_the_one_named():
    assert "-m lab cap three_tier" in dry_run("cap-three_tier")
    assert "-m lab cap microservices --mode AP" in dry_run("cap-microservices", "MODE=AP")
    assert f"-m lab cap {' '.join(registry.in_cap())}\n" in dry_run("cap-all")


def test_the_makefile_lists_the_architectures_of_the_registry_and_only_those_the_cap_experiment_runs_get_cap():
    assert f"one of: {' '.join(registry.names())}\n" in make("help")
    for architecture in registry.names():
        asked = subprocess.run(["make", "-n", f"cap-{architecture}"], cwd=ROOT, capture_output=True, text=True)
        assert (asked.returncode == 0) == (architecture in registry.in_cap()), asked.stderr


def test_the_registry_lists_the_architectures_with_nothing_but_the_standard_library():
    # -S: no site-packages, -E: no PYTHONPATH; so this is what the Makefile gets before any venv exists.
    listed = subprocess.run(
        [sys.executable, "-S", "-E", "-m", "topology.registry"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert listed.stdout.split() == list(registry.names())


def test_bench_replicas_needs_an_architecture_and_passes_it_on():
    assert "-m lab replicas three_tier" in dry_run("bench-replicas", "ARCH=three_tier")
    assert "--db postgres" in dry_run("bench-replicas", "ARCH=monolith", "DB=postgres")


def test_stop_and_the_fast_loop_reach_their_commands():
    assert "-m lab stop" in dry_run("stop")
    assert "IN_PROCESS=1" in dry_run("test-fast") and "tests/contract" in dry_run("test-fast")


README = ROOT / "README.md"
HOW_LONG = re.compile(r"\([^()]*(\d|second|minute|instant|until Ctrl-C)[^()]*\)$")  # what ends each line of help


def make(*args: str) -> str:
    """What make prints, run as from a shell: not with the options of a make that runs these tests."""
    env = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout


def help_lines() -> dict[str, str]:
    """`make help`, target by target: {"run-<arch>": "one architecture in the foreground..."}."""
    lines = [line.split(maxsplit=1) for line in make("help").splitlines() if line.startswith("  ")]
    names = [name for name, _ in lines]
    assert len(names) == len(set(names)), f"a target listed twice: {names}"
    return dict(lines)


def phony_targets() -> list[str]:
    """Every phony target, as make itself reads the Makefile."""
    asked = ["make", "--print-data-base", "--question", "help"]  # --question: read the Makefile, run nothing
    database = subprocess.run(asked, cwd=ROOT, capture_output=True, text=True).stdout
    (phony,) = [line for line in database.splitlines() if line.startswith(".PHONY:")]
    return phony.split()[1:]


def listed(target: str, names) -> bool:
    """Whether help lists a target: by its name, or on the line for every architecture's (run-<arch>)."""
    patterns = (re.escape(name).replace(re.escape("<arch>"), f"({'|'.join(registry.names())})") for name in names)
    return target in names or any(re.fullmatch(pattern, target) for pattern in patterns)


def test_a_bare_make_prints_the_help():
    assert make() == make("help")
    assert "setup" in help_lines()


def test_help_lists_every_phony_target_once_with_how_long_it_takes():
    lines = help_lines()
    assert sorted(target for target in phony_targets() if not listed(target, lines)) == []
    for name, said in lines.items():
        assert HOW_LONG.search(said), f"{name}: {said}"


def test_every_target_the_readme_names_is_phony_and_in_the_help():
    # As a command: a code line (after any VARIABLE=value) or a code span, not "make" in a sentence.
    named = set(re.findall(r"(?:^(?:[A-Z_]+=\S+ )*|`)make ([a-z][\w-]*(?:<arch>)?)", README.read_text(), re.M))
    names = help_lines()
    assert {"setup", "test", "test-fast", "run-monolith", "ui-soa", "bench-all", "cap-all"} <= named
    assert sorted(target for target in named if not listed(target, names)) == []
    assert sorted(target for target in named if target not in phony_targets() and "<arch>" not in target) == []
