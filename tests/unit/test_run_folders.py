"""Old run folders are pruned (except the newest and live ones); what a dead launcher left running is stopped."""

import json
import os
import subprocess
import sys
import time

import psutil
import pytest

from lab.launch import leftovers

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]
NO_SUCH_LAUNCHER = {"pid": 999_999_999, "started": 0.0}


def test_only_the_newest_run_folders_and_live_ones_are_kept(tmp_path):
    finished_pid = 999_999_999  # no such process
    for n in range(5):
        folder = tmp_path / f"monolith-sqlite-2026{n}-{finished_pid}"
        folder.mkdir()
        os.utime(folder, (time.time() - 100 + n, time.time() - 100 + n))
    live = tmp_path / f"monolith-sqlite-20250101-{os.getpid()}"
    live.mkdir()
    os.utime(live, (time.time() - 1000, time.time() - 1000))
    leftovers.prune_old_runs(tmp_path, keep=2)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [live.name, f"monolith-sqlite-20263-{finished_pid}", f"monolith-sqlite-20264-{finished_pid}"]
    )


def entry(name: str, process: subprocess.Popen, started: float | None = None) -> dict:
    return {"name": name, "pid": process.pid, "started": started or psutil.Process(process.pid).create_time()}


@pytest.fixture
def sleepers():
    started = []

    def start(**options) -> subprocess.Popen:
        started.append(subprocess.Popen(SLEEPER, **options))
        return started[-1]

    yield start
    for process in started:
        process.kill()
        process.wait()


def test_servers_left_by_a_launcher_that_was_killed_are_stopped_and_named(tmp_path, sleepers):
    orphan, bystander = sleepers(start_new_session=True), sleepers(start_new_session=True)
    run = tmp_path / "three_tier-postgres-20260101-999999999"
    run.mkdir()
    (run / leftovers.RECORD).write_text(json.dumps({"launcher": NO_SUCH_LAUNCHER, "groups": [entry("app", orphan)]}))
    stopped = leftovers.stop_left_behind(tmp_path)
    assert stopped == [f"{run.name}: app (pid {orphan.pid})"]
    assert not psutil.pid_exists(orphan.pid) or psutil.Process(orphan.pid).status() == psutil.STATUS_ZOMBIE
    assert bystander.poll() is None  # not recorded by the lab: left alone
    assert not (run / leftovers.RECORD).exists()


def test_a_recorded_pid_now_used_by_another_program_is_left_alone(tmp_path, sleepers):
    other_program = sleepers(start_new_session=True)
    run = tmp_path / "soa-postgres-20260101-999999999"
    run.mkdir()
    reused = entry("bus", other_program, started=psutil.Process(other_program.pid).create_time() - 3600)
    (run / leftovers.RECORD).write_text(json.dumps({"launcher": NO_SUCH_LAUNCHER, "groups": [reused]}))
    assert leftovers.stop_left_behind(tmp_path) == []
    assert other_program.poll() is None


def test_what_a_live_launcher_runs_is_not_taken_from_it(tmp_path, sleepers):
    server = sleepers(start_new_session=True)
    run = tmp_path / f"monolith-sqlite-20260101-{os.getpid()}"
    run.mkdir()
    leftovers.record(run, {"monolith": server.pid})
    assert leftovers.stop_left_behind(tmp_path) == []
    assert server.poll() is None and leftovers.launcher_alive(run)
