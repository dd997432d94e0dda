"""The Makefile's per-architecture targets reach the lab's command line (they are phony, so no pattern rules)."""

import subprocess

import pytest

from lab.architectures import ARCHITECTURES
from lab.paths import ROOT


def dry_run(*args: str) -> str:
    return subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("command", ["run", "ui", "bench", "chaos"])
def test_each_architecture_target_runs_the_lab_command(architecture, command):
    assert f"-m lab {command} {architecture}" in dry_run(f"{command}-{architecture}")


def test_db_and_profile_reach_the_bench():
    assert "-m lab bench monolith --db postgres --profile users-100" in dry_run(
        "bench-monolith", "DB=postgres", "PROFILE=users-100"
    )


def test_bench_all_demo_and_report_reach_the_lab_command():
    assert "-m lab bench-all --repeat 1" in dry_run("bench-all")
    assert "-m lab bench-all --repeat 3" in dry_run("bench-all", "REPEAT=3")
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
