"""The Makefile's per-architecture targets reach the lab's command line (they are phony, so no pattern rules)."""

import subprocess

import pytest

from lab.architectures import ARCHITECTURES
from lab.paths import ROOT


def dry_run(*args: str) -> str:
    return subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("command", ["run", "ui", "bench"])
def test_each_architecture_target_runs_the_lab_command(architecture, command):
    assert f"-m lab {command} {architecture}" in dry_run(f"{command}-{architecture}")


def test_db_and_profile_reach_the_bench():
    assert "-m lab bench monolith --db postgres --profile users-100" in dry_run(
        "bench-monolith", "DB=postgres", "PROFILE=users-100"
    )
