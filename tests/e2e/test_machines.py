"""Two small machines behind HAProxy: both serve, the quota throttles, and nothing is left after a stop or after
the launcher is killed outright (as root: machines are cgroups)."""

import os
import signal
import subprocess
import sys
import threading

import psutil
import pytest
import requests

from lab.cluster import cgroups
from lab.cluster.launch import ClusterLaunch
from lab.cluster.plan import Configuration
from lab.launch.ports import free_port
from lab.paths import ROOT
from lab.settings import ClusterSettings
from tests.e2e.launching import GENEROUS_S, wait_for

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="machines are cgroups with CPU quotas: run as root")

TWO = Configuration("out", 2)
SMALL = ClusterSettings(machine_cpus=0.05, database_cpus=0.3, balancer_cpus=0.2, loadgen_cpus=0.2)


def _namespaces() -> str:
    return subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout


def _left_of(run: str, pids: set[int]) -> list[str]:
    """What of a run is still there: its machines, its processes (the balancer among them)."""
    machines = [str(root / run) for root in cgroups.hierarchies() if (root / run).exists()]
    return machines + [
        f"pid {pid}" for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"
    ]


def _members(launch) -> set[int]:
    return {pid for machine in launch.machines.values() for pid in machine.pids()}


def _hammer(url: str, stop: threading.Event) -> None:
    with requests.Session() as session:
        while not stop.is_set():
            session.get(url, timeout=30)


def test_two_machines_serve_throttle_and_leave_nothing(tmp_path):
    namespaces = _namespaces()
    with ClusterLaunch("monolith", TWO, SMALL, port=free_port(), run_dir=tmp_path / "run") as launch:
        run, pids = launch.run, _members(launch)
        assert pids, "nothing runs on the machines"
        assert {m.name: m.cpus for m in launch.plan} == {
            "monolith-1": 0.05,
            "monolith-2": 0.05,
            "postgres": 0.3,
            "balancer": 0.2,
        }
        for _ in range(20):
            assert requests.get(f"{launch.base_url}/api/books", timeout=30).json()["items"]
        served = launch.balanced()["monolith"]
        assert served["monolith-1"].requests > 0 and served["monolith-2"].requests > 0, served
        before = launch.counters()["monolith-1"]
        stop = threading.Event()
        hammers = [threading.Thread(target=_hammer, args=(f"{launch.base_url}/api/books", stop)) for _ in range(6)]
        for hammer in hammers:
            hammer.start()
        try:
            wait_for(
                lambda: launch.counters()["monolith-1"].throttled_periods > before.throttled_periods + 5,
                "monolith-1 throttled in more than 5 periods under load",
            )
        finally:
            stop.set()
            for hammer in hammers:
                hammer.join()
        after = launch.counters()["monolith-1"]
        # At its quota: it used no more than 0.05 of a core over the time that elapsed, and a period or more
        # of slack for the bursts a period lets through.
        assert after.cpu_s - before.cpu_s <= 0.05 * (after.at - before.at) + 0.1
    assert _left_of(run, pids) == []
    assert _namespaces() == namespaces


LAUNCHER = """
import sys
from lab.cluster.launch import ClusterLaunch
from lab.cluster.plan import Configuration
from lab.launch.ports import free_port
from lab.settings import ClusterSettings
from pathlib import Path
settings = ClusterSettings(machine_cpus=0.05, database_cpus=0.3, balancer_cpus=0.2, loadgen_cpus=0.2)
launch = ClusterLaunch("monolith", Configuration("out", 2), settings, port=free_port(), run_dir=Path(sys.argv[1]))
launch.start()
pids = {pid for machine in launch.machines.values() for pid in machine.pids()}
print(launch.run, *pids, flush=True)
sys.stdin.read()
"""


def test_nothing_is_left_after_the_launcher_is_killed(tmp_path):
    launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(tmp_path / "run")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        run, *pids = launcher.stdout.readline().split()
        assert run and pids, "the launcher did not start its machines"
        assert _left_of(run, {int(pid) for pid in pids})
        launcher.send_signal(signal.SIGKILL)
        launcher.wait()
        wait_for(lambda: _left_of(run, {int(pid) for pid in pids}) == [], "the janitor removed everything", GENEROUS_S)
    finally:
        if launcher.poll() is None:
            launcher.kill()
