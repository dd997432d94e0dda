"""Every command of the class guide, run as a page shows it with its short-run words (FAST=1), on private ports
and folders: each step's demo through `make class STEP=N FAST=1`, then its exercise's commands in order and
`make check-worksheet` on what they measured. Minutes in all, so `make test-class` runs it (CLASS_COMMANDS=1),
as CI does, rather than `make test`."""

import os
import subprocess

import pytest

from lab.course.runner import CHECKOUT, command_line, missing_need, run_shells
from lab.course.steps import STEPS
from lab.launch.ports import free_port
from lab.settings import read
from tests.e2e.launching import MAKE_OWN

pytestmark = pytest.mark.skipif(os.environ.get("CLASS_COMMANDS") != "1", reason="make test-class runs these")
STEP_DEADLINE_S = 1800  # a whole step on a slow, busy machine; not a measure of speed


@pytest.fixture
def private(tmp_path, monkeypatch) -> dict[str, str]:
    """The environment of a class run of its own: results, runs and ports no other test uses."""
    for name in MAKE_OWN:
        monkeypatch.delenv(name, raising=False)
    port = free_port()
    values = {
        "RESULTS_DIR": str(tmp_path / "results"),
        "LAB_RUNS_DIR": str(tmp_path / "run"),
        "PORT": str(port),
        "LOCUST_WEB_PORT": str(free_port()),
        "BASE_URL": f"http://127.0.0.1:{port}",
        "CLASS_HOLD": "0",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return dict(os.environ)


def _lacking(shells) -> list[str]:
    return [f"{shell.command} needs {missing_need(shell)}" for shell in shells if missing_need(shell)]


@pytest.mark.parametrize("step", STEPS, ids=lambda step: f"{step.number}-{step.slug}")
def test_a_steps_demo_runs_as_its_page_shows_it(step, private):
    done = subprocess.run(
        f"make class STEP={step.number} FAST=1",
        shell=True,
        cwd=CHECKOUT,
        env=private,
        capture_output=True,
        text=True,
        timeout=STEP_DEADLINE_S,
    )
    said = done.stdout + done.stderr
    assert done.returncode == 0, said[-3000:]
    ran = [shell for shell in step.demo if not missing_need(shell)]
    for shell in ran:
        assert f"== {command_line(shell, fast=True)}    #" in said, f"{shell.command} did not run:\n{said[-3000:]}"
    assert "What to point at:" in said, said[-3000:]
    if _lacking(step.demo):
        pytest.skip("; ".join(_lacking(step.demo)))


@pytest.mark.parametrize("step", STEPS, ids=lambda step: f"{step.number}-{step.slug}")
def test_a_steps_exercise_runs_as_its_page_shows_it(step, private, capsys):
    status = run_shells(step.exercise.measure, read(), fast=True)
    said = capsys.readouterr().out
    assert status == 0, said[-3000:]
    if any(shell.command == "make worksheet" for shell in step.exercise.measure):
        checked = subprocess.run(
            "make check-worksheet",
            shell=True,
            cwd=CHECKOUT,
            env=private,
            capture_output=True,
            text=True,
            timeout=STEP_DEADLINE_S,
        )
        assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]
    if _lacking(step.exercise.measure):
        pytest.skip("; ".join(_lacking(step.exercise.measure)))
