"""Child processes in their own process groups, stopped as a whole; CPU time of whole process trees."""

import contextlib
import os
import random
import signal
import socket
import subprocess
from pathlib import Path

import psutil


def _ephemeral_range() -> tuple[int, int]:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A TCP port on loopback that nobody listens on now, below the kernel's ephemeral range.

    The kernel hands ports of that range to outgoing connections (to PostgreSQL, between services,
    from Locust): a server told to listen on one could find it taken by a client a moment later.
    """
    low, _ = _ephemeral_range()
    for _ in range(200):
        port = random.randrange(20000, max(20001, low - 10))
        # A port handed out is not bound until its server starts: never hand it out twice meanwhile.
        if port not in _HANDED_OUT and port_is_free(port) and port_is_free(port + 1):
            _HANDED_OUT.add(port)
            return port
    with socket.socket() as probe:  # a crowded machine: fall back to what the kernel picks
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:port."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def spawn(command: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    """Start a command in a new session (its own process group), output appended to log_path."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )


def stop_group(process: subprocess.Popen, timeout_s: float = 15) -> None:
    """SIGTERM the process group (graceful), then SIGKILL whatever is left after timeout_s."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # stragglers that outlived their leader
    process.wait()


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
