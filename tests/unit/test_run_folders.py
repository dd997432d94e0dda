"""Old run folders are pruned, except the newest and any whose launcher still runs."""

import os
import time

from lab.launcher import prune_old_runs


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
