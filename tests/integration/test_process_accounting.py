"""CPU accounting of process trees counts children that already exited, as PostgreSQL backends do."""

import subprocess
import sys
import time
from pathlib import Path

import psutil

from lab.processes import tree_cpu_seconds

PARENT = """
import subprocess, sys, time
subprocess.run([sys.executable, "-c", "sum(range(3 * 10**7))"])
open(sys.argv[1], "w").close()
time.sleep(30)
"""


def test_a_reaped_childs_cpu_is_still_counted_in_its_parents_tree(tmp_path: Path):
    done = tmp_path / "child-done"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(done)])
    try:
        while not done.exists():
            time.sleep(0.05)
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
