"""Locust in distributed mode: when the bench uses workers, and the master's command line."""

from pathlib import Path

import pytest

from lab.load.generator import locust_command, workers_wanted
from lab.records import write_run
from loadtests.profiles import get_profile
from tests.run_records import run_record


def previous_run(tmp_path: Path, saturated: bool, processes: int = 1) -> Path:
    path = tmp_path / "run.json"
    write_run(path, run_record(load_generator={"saturated": saturated, "processes": processes}))
    return path


def test_locust_workers_asks_for_that_many_worker_processes(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCUST_WORKERS", "3")
    assert workers_wanted(previous_run(tmp_path, saturated=False)) == 3
    monkeypatch.setenv("LOCUST_WORKERS", "0")
    assert workers_wanted(previous_run(tmp_path, saturated=True)) == 0


def test_without_locust_workers_one_process_runs_unless_the_last_run_saturated_it(tmp_path, monkeypatch):
    monkeypatch.delenv("LOCUST_WORKERS", raising=False)
    assert workers_wanted(tmp_path / "none.json") == 0
    assert workers_wanted(previous_run(tmp_path, saturated=False)) == 0
    assert workers_wanted(previous_run(tmp_path, saturated=True)) == 2


def test_a_run_that_needed_workers_keeps_them_and_gets_more_if_they_saturated_too(tmp_path, monkeypatch):
    monkeypatch.delenv("LOCUST_WORKERS", raising=False)
    assert workers_wanted(previous_run(tmp_path, saturated=False, processes=3)) == 2
    assert workers_wanted(previous_run(tmp_path, saturated=True, processes=3)) == 4


def test_a_bad_worker_count_is_refused_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCUST_WORKERS", "two")
    with pytest.raises(ValueError, match="LOCUST_WORKERS must be a whole number"):
        workers_wanted(tmp_path / "run.json")


def test_with_workers_locust_runs_as_a_master_expecting_them_on_loopback(tmp_path):
    command = locust_command(get_profile("users-100"), "http://127.0.0.1:8000", tmp_path, workers=2, master_port=5599)
    assert command[command.index("--expect-workers") + 1] == "2"
    assert command[command.index("--master-bind-host") + 1] == "127.0.0.1"
    assert command[command.index("--master-bind-port") + 1] == "5599"
    assert "--master" not in locust_command(get_profile("users-100"), "http://127.0.0.1:8000", tmp_path)


def test_a_saturation_run_that_stopped_on_failures_is_a_finding_not_a_failed_bench(tmp_path):
    from lab.bench.measure import run_failed

    def step(failures, reason):
        return {"failures": failures, "stop_reason": reason}

    run = run_record(totals={"failures": 40}, steps=[step(0, None), step(40, "4.0% of requests failed")])
    write_run(tmp_path / "run.json", run)
    assert run_failed(tmp_path) is False
    run.steps[0].failures = 1  # a failure below the knee is a real one
    write_run(tmp_path / "run.json", run)
    assert run_failed(tmp_path) is True
