"""Process trees: CPU counts children that already exited (as PostgreSQL backends do); a replaced worker is seen."""

import subprocess
import sys
import time
from pathlib import Path

import psutil

from lab.launch.processes import tree_cpu_seconds
from lab.load.measurement import Window


def wait_for_file(path: Path, deadline_s: float = 120) -> None:
    deadline = time.monotonic() + deadline_s
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} did not appear"
        time.sleep(0.05)


PARENT = """
import subprocess, sys, time
subprocess.run([sys.executable, "-c", "sum(range(3 * 10**7))"])
open(sys.argv[1], "w").close()
time.sleep(600)
"""


def test_a_reaped_childs_cpu_is_still_counted_in_its_parents_tree(tmp_path: Path):
    done = tmp_path / "child-done"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(done)])
    try:
        wait_for_file(done)
        own = psutil.Process(parent.pid).cpu_times()
        assert psutil.Process(parent.pid).children() == []
        assert tree_cpu_seconds(parent.pid) - (own.user + own.system) > 0.1
    finally:
        parent.kill()
        parent.wait()


def test_a_process_that_is_gone_counts_nothing():
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    assert tree_cpu_seconds(finished.pid) == 0.0


# A supervisor that replaces its worker once, as a gunicorn master does when a worker dies.
SUPERVISOR = """
import subprocess, sys, time
worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
open(sys.argv[1], "w").close()
while not __import__("os").path.exists(sys.argv[2]):
    time.sleep(0.05)
worker.kill(); worker.wait()
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
open(sys.argv[3], "w").close()
time.sleep(600)
"""


def test_a_worker_that_died_and_was_replaced_counts_as_one_restarted_process(tmp_path: Path):
    started, kill, replaced = tmp_path / "started", tmp_path / "kill", tmp_path / "replaced"
    supervisor = subprocess.Popen([sys.executable, "-c", SUPERVISOR, str(started), str(kill), str(replaced)])
    try:
        wait_for_file(started)
        window = Window({"server": supervisor.pid}, generator_pid=supervisor.pid, count_dirs={})
        window.sample_memory()
        assert window.restarted_processes() == {"server": 0}
        kill.touch()
        wait_for_file(replaced)
        window.sample_memory()
        assert window.restarted_processes() == {"server": 1}
    finally:
        for child in psutil.Process(supervisor.pid).children(recursive=True):
            child.kill()
        supervisor.kill()
        supervisor.wait()
