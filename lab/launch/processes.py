"""Child processes that die with the lab, stopped as whole process groups; CPU time of whole process trees."""

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import psutil

_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
_PR_SET_PDEATHSIG = 1


def _dying_with_this_process(signum: int):
    """What a child runs between fork and exec: the kernel sends it `signum` when its parent dies.

    So a launcher killed outright (SIGKILL, a closed terminal, an IDE's stop button) leaves no server
    behind holding its port. The signal follows the thread that spawned the child: the lab spawns from
    its main thread. The setting survives the switch to PostgreSQL's own user, which happens before.
    """
    parent = os.getpid()

    def arm() -> None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signum)
        if os.getppid() != parent:  # the parent died before the line above took effect
            os._exit(1)

    return arm if _LIBC is not None else None


def spawn(
    command: list[str],
    env: dict,
    log_path: Path | None = None,
    *,
    own_group: bool = True,
    death_signal: int = signal.SIGTERM,
    user: str | None = None,
) -> subprocess.Popen:
    """Start a command that stops when this process dies, output appended to log_path (else inherited).

    With own_group it runs in a new session, so a Ctrl-C in the terminal reaches only the launcher,
    which stops its children in order; the whole group is then stopped at once (stop_groups).
    """
    log = None
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(log_path, "ab")  # noqa: SIM115 (the child holds it; closed here right after the fork)
    try:
        return subprocess.Popen(
            command,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT if log else None,
            stdin=subprocess.DEVNULL,
            start_new_session=own_group,
            user=user,
            preexec_fn=_dying_with_this_process(death_signal),
        )
    finally:
        if log:
            log.close()


def _signal_group(process: subprocess.Popen, signum: int, own_group: bool) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if own_group:
            os.killpg(process.pid, signum)
        elif process.poll() is None:
            process.send_signal(signum)


def stop_groups(
    processes: Iterable[subprocess.Popen], timeout_s: float = 15, signum: int = signal.SIGTERM, own_group: bool = True
) -> None:
    """Ask every process (group) to stop at once, wait for all up to timeout_s, then SIGKILL what is left.

    All at once, so stopping an architecture of many servers takes as long as its slowest one.
    """
    processes = list(processes)
    for process in processes:
        if process.poll() is None:
            _signal_group(process, signum, own_group)
    deadline = time.monotonic() + timeout_s
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(max(0.0, deadline - time.monotonic()))
    for process in processes:  # stragglers, and members of a group that outlived their leader
        _signal_group(process, signal.SIGKILL, own_group)
        process.wait()


def stop_group(process: subprocess.Popen, timeout_s: float = 15) -> None:
    """SIGTERM one process group (graceful), then SIGKILL whatever is left after timeout_s."""
    stop_groups([process], timeout_s)


def _sum_over_tree(pid: int, measure) -> float:
    try:
        root = psutil.Process(pid)
        members = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for member in members:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += measure(member)
    return total


def _cpu_including_reaped_children(process: psutil.Process) -> float:
    t = process.cpu_times()
    return t.user + t.system + t.children_user + t.children_system


def tree_cpu_seconds(pid: int) -> float:
    """User+system CPU of a process and all its descendants, living or already reaped.

    A reaped child's CPU is folded into its parent's children_* times, so summing both kinds over
    the living tree counts every process that ever ran under pid exactly once.
    """
    return float(_sum_over_tree(pid, _cpu_including_reaped_children))


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process tree now."""
    return int(_sum_over_tree(pid, lambda process: process.memory_info().rss))


def tree_pids(pid: int) -> set[int]:
    """The process and all its living descendants, by pid (empty once it is gone)."""
    try:
        root = psutil.Process(pid)
        return {root.pid, *(child.pid for child in root.children(recursive=True))}
    except psutil.NoSuchProcess:
        return set()
