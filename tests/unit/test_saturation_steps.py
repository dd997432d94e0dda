"""A saturation step as run.json records it: percentiles from its histogram, CPU per request from its edges."""

import os

import psutil

from lab.launch.processes import tree_cpu_seconds
from lab.load.steps import StepWatcher, summarise_step

RAW = {
    "users": 500,
    "seconds": 20.0,
    "requests": 400,
    "failures": 0,
    "throughput_rps": 20.0,
    "mean_ms": 7.5,
    "response_times": {"5": 300, "10": 90, "40": 10},
    "locust_cpu_seconds": 0.2,
    "stop_reason": None,
}


def test_a_step_gets_percentiles_from_its_own_histogram():
    summary = summarise_step(RAW, {})
    assert summary["latency_ms"] == {"mean": 7.5, "p50": 5.0, "p95": 10.0, "p99": 40.0}
    assert summary["failure_ratio"] == 0.0


def test_server_cpu_per_request_is_the_difference_at_the_steps_edges():
    cpu = {"start": {"monolith": 10.0}, "end": {"monolith": 11.2}}
    summary = summarise_step(RAW, cpu)
    assert summary["cpu_seconds"] == {"monolith": 1.2, "locust": 0.2}
    assert summary["cpu_ms_per_request"] == {"monolith": 3.0, "locust": 0.5}


def test_a_step_whose_edges_were_missed_reports_only_the_load_generator():
    assert set(summarise_step(RAW, {"start": {"monolith": 1.0}})["cpu_seconds"]) == {"locust"}


def test_a_step_records_the_machine_speed_over_its_own_measured_part():
    windows = []

    def reference_ms(start: float, end: float) -> float:
        windows.append((start, end))
        return 8.5

    summary = summarise_step(RAW | {"start": 100.0, "end": 120.0}, {}, reference_ms)
    assert summary["reference_work_ms"] == 8.5 and windows == [(100.0, 120.0)]
    assert summarise_step(RAW, {})["reference_work_ms"] is None


def test_the_watcher_samples_each_edge_once_and_ignores_other_marks(tmp_path):
    (tmp_path / "step-0-start").write_text("{}")
    (tmp_path / "measure_start").write_text("{}")
    watcher = StepWatcher(tmp_path, {"self": os.getpid()})
    watcher.poll()
    first = dict(watcher.cpu[0]["start"])
    sum(range(200_000))  # burn a little CPU so a second sample would differ
    watcher.poll()
    assert watcher.cpu == {0: {"start": first}}
    assert watcher.steps() == []  # no step-0 figures yet: the step is not complete


def test_a_step_records_how_many_cores_the_whole_machine_kept_busy_apart_from_the_processes():
    cpu = {"start": {"monolith": 10.0, "(machine)": 100.0}, "end": {"monolith": 30.0, "(machine)": 136.0}}
    summary = summarise_step(RAW, cpu)
    assert summary["machine_busy_cores"] == 1.8  # 36 busy seconds over the 20 s step
    assert summary["cpu_seconds"] == {"monolith": 20.0, "locust": 0.2}  # not a process: summed with none
    assert summarise_step(RAW, {})["machine_busy_cores"] is None


def test_the_watcher_samples_the_machine_at_each_edge_and_its_busy_time_holds_the_processes(tmp_path):
    (tmp_path / "step-0-start").write_text("{}")
    watcher = StepWatcher(tmp_path, {"self": os.getpid()})
    stolen_before = getattr(psutil.cpu_times(), "steal", 0.0)
    watcher.poll()
    start = watcher.cpu[0]["start"]
    spent = 0.0
    while spent < 0.3:  # busy for a while, however slow the machine
        sum(range(100_000))
        spent = tree_cpu_seconds(os.getpid()) - start["self"]
    (tmp_path / "step-0").write_text("{}")
    watcher.poll()
    end = watcher.cpu[0]["end"]
    stolen = getattr(psutil.cpu_times(), "steal", 0.0) - stolen_before
    # What this process burned is inside what the machine was busy with, a clock tick of slack each side. In a
    # virtual machine the kernel counts a tick the hypervisor took as steal, which the machine's busy time
    # leaves out, while the process's own time still holds it: that much more slack.
    assert end["(machine)"] - start["(machine)"] >= end["self"] - start["self"] - 0.02 - stolen
