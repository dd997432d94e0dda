"""What a launcher has running, written in its run folder, so that the next start or `make stop` can end it.

Children die with their launcher (lab.launch.processes.spawn), but not on every system, and a launcher can be
stopped while it is still spawning. Each run folder therefore names its launcher and every process group
it started, with their start times: a pid that the system has since given to another program never matches.
"""

import contextlib
import json
import os
import shutil
import signal
import time
from pathlib import Path

import psutil

RECORD = "processes.json"
KEEP_RUNS = 10  # run folders kept under var/run, for their logs


def _started(pid: int) -> float | None:
    try:
        return psutil.Process(pid).create_time()
    except psutil.Error:
        return None


def _same_process(entry: dict) -> bool:
    started = _started(entry["pid"])
    return started is not None and abs(started - entry["started"]) < 0.05


def record(run_dir: Path, groups: dict[str, int]) -> None:
    """Write down this launcher and the process groups it started (name -> leader pid)."""
    entries = [{"name": name, "pid": pid, "started": _started(pid)} for name, pid in groups.items()]
    launcher = {"pid": os.getpid(), "started": _started(os.getpid())}
    written = {"launcher": launcher, "groups": [e for e in entries if e["started"] is not None]}
    temporary = run_dir / f"{RECORD}.tmp"
    temporary.write_text(json.dumps(written))
    temporary.replace(run_dir / RECORD)


def forget(run_dir: Path) -> None:
    """A clean stop: nothing of this run is left to find."""
    (run_dir / RECORD).unlink(missing_ok=True)


def _recorded(runs: Path) -> list[Path]:
    """Run folders with a record: a launch's own, or one part of a run of several (a CAP experiment's site)."""
    return sorted(path.parent for pattern in (f"*/{RECORD}", f"*/*/{RECORD}") for path in runs.glob(pattern))


def _read(run_dir: Path) -> dict | None:
    try:
        return json.loads((run_dir / RECORD).read_text())
    except (OSError, ValueError):
        return None


def launcher_alive(run_dir: Path) -> bool:
    """Whether the launcher of a run folder still runs (by its record, else by the pid in the folder's name)."""
    written = _read(run_dir)
    if written:
        return _same_process(written["launcher"])
    pid = run_dir.name.rsplit("-", 1)[-1]
    return pid.isdigit() and psutil.pid_exists(int(pid))


def _members(group: dict) -> list[psutil.Process]:
    """The living processes of a recorded group: its leader, or what outlived it in its process group."""
    leader_started = _started(group["pid"])
    if leader_started is not None and not _same_process(group):
        return []  # the pid, and so the group id, now belongs to another program
    found = []
    for process in psutil.process_iter(["create_time"]):
        created = process.info["create_time"]
        with contextlib.suppress(psutil.Error, OSError):
            if created is not None and created >= group["started"] - 0.05 and os.getpgid(process.pid) == group["pid"]:
                found.append(process)
    return found


def _end(members: list[psutil.Process], timeout_s: float) -> None:
    for member in members:
        with contextlib.suppress(psutil.Error):
            member.send_signal(signal.SIGTERM)
    _, alive = psutil.wait_procs(members, timeout=timeout_s)
    for member in alive:
        with contextlib.suppress(psutil.Error):
            member.kill()
    psutil.wait_procs(alive, timeout=timeout_s)


def stop_left_behind(runs: Path, timeout_s: float = 10) -> list[str]:
    """Stop the processes of every run under `runs` whose launcher is gone; what was stopped, one line per run."""
    stopped = []
    for run_dir in _recorded(runs):
        written = _read(run_dir)
        if written is None or _same_process(written["launcher"]):
            continue
        ended = {group["name"]: _members(group) for group in written["groups"]}
        ended = {name: members for name, members in ended.items() if members}
        if ended:
            _end([member for members in ended.values() for member in members], timeout_s)
            names = ", ".join(f"{name} (pid {members[0].pid})" for name, members in ended.items())
            stopped.append(f"{run_dir.name}: {names}")
        forget(run_dir)
    return stopped


def stop_launchers(runs: Path, timeout_s: float = 30) -> list[str]:
    """Ask every live launcher of a run under `runs` to stop (as Ctrl-C would), and wait for it to finish."""
    launchers = {}
    for run_dir in _recorded(runs):
        written = _read(run_dir)
        if written and _same_process(written["launcher"]) and written["launcher"]["pid"] != os.getpid():
            with contextlib.suppress(psutil.Error):
                launchers[run_dir.name] = psutil.Process(written["launcher"]["pid"])
    for launcher in launchers.values():
        with contextlib.suppress(psutil.Error):
            launcher.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    _, alive = psutil.wait_procs(list(launchers.values()), timeout=max(0.0, deadline - time.monotonic()))
    for launcher in alive:  # it did not stop in time: its children die with it, or by their record
        with contextlib.suppress(psutil.Error):
            launcher.kill()
    psutil.wait_procs(alive, timeout=5)
    return [f"{name}: its launcher (pid {launcher.pid})" for name, launcher in launchers.items()]


def prune_old_runs(runs: Path, keep: int = KEEP_RUNS) -> None:
    """Delete all but the newest run folders (each holds a database and logs), never one still in use."""
    if not runs.is_dir():
        return
    for old in sorted(runs.iterdir(), key=lambda path: path.stat().st_mtime)[:-keep]:
        if old.is_dir() and not launcher_alive(old):
            shutil.rmtree(old, ignore_errors=True)
