"""Old run folders are pruned (except the newest and live ones), and servers orphaned by a killed launcher stopped."""

import json
import os
import subprocess
import sys
import time

from lab.launcher import PROCESS_GROUPS, prune_old_runs, stop_orphans


def test_only_the_newest_run_folders_and_live_ones_are_kept(tmp_path):
    finished_pid = 999_999_999  # no such process
    for n in range(5):
        folder = tmp_path / f"monolith-sqlite-2026{n}-{finished_pid}"
        folder.mkdir()
        os.utime(folder, (time.time() - 100 + n, time.time() - 100 + n))
    live = tmp_path / f"monolith-sqlite-20250101-{os.getpid()}"
    live.mkdir()
    os.utime(live, (time.time() - 1000, time.time() - 1000))
    prune_old_runs(tmp_path, keep=2)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [live.name, f"monolith-sqlite-20263-{finished_pid}", f"monolith-sqlite-20264-{finished_pid}"]
    )


def test_servers_left_by_a_launcher_that_was_killed_are_stopped_at_the_next_start(tmp_path):
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "lab.gunicorn_conf"],
                              start_new_session=True)  # fmt: skip
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    try:
        dead_launcher_run = tmp_path / "microservices-postgres-20260101-999999999"
        dead_launcher_run.mkdir()
        (dead_launcher_run / PROCESS_GROUPS).write_text(json.dumps([orphan.pid, bystander.pid]))
        stop_orphans(tmp_path)
        assert orphan.wait(timeout=10) != 0
        assert bystander.poll() is None  # not started by the lab: left alone
        assert not (dead_launcher_run / PROCESS_GROUPS).exists()
    finally:
        for process in (orphan, bystander):
            process.kill()
            process.wait()
