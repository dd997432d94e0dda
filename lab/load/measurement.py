"""The measured window: CPU, memory and requests served by every process between its start and its end."""

import time
from pathlib import Path

from lab.launch.processes import tree_cpu_seconds, tree_pids, tree_rss_bytes

SATURATED_CPU_SHARE = 0.9  # of one core: past this the load generator, not the server, sets the pace
IDLE_SAMPLE_S = 3.0
QUIET_CORES = 0.2  # all servers together, after a run: what idle heartbeats and pollers stay under


def served_requests(folder: Path) -> int:
    """Requests served so far by the workers that report into folder (one `<pid>.count` file each)."""
    return sum(int(path.read_text() or 0) for path in Path(folder).glob("*.count"))


def load_generator_report(cpu_seconds: float, seconds: float, processes: int = 1, busiest: float | None = None) -> dict:
    """How busy Locust was; once any one of its processes passes SATURATED_CPU_SHARE of a core, its numbers
    understate the server. `busiest`: that process's CPU seconds, where there are several."""
    share = cpu_seconds / seconds / processes if seconds > 0 else 0.0
    peak = (busiest if busiest is not None else cpu_seconds / processes) / seconds if seconds > 0 else 0.0
    return {
        "processes": processes,
        "cpu_share_of_one_core": round(share, 3),
        "busiest_share_of_one_core": round(peak, 3),
        "saturated": peak > SATURATED_CPU_SHARE,
    }


def wait_until_quiet(servers: dict[str, int], cores: float = QUIET_CORES, deadline_s: float = 120.0) -> float:
    """Wait until the servers together burn less than `cores` over a second, as after a run their queues drain.

    Returns the seconds waited; past the deadline it goes on anyway (a server that never quiets is a finding
    of its own, shown by its idle CPU)."""
    began = time.monotonic()
    while time.monotonic() - began < deadline_s:
        if sum(idle_cpu(servers, seconds=1.0).values()) < cores:
            break
    return time.monotonic() - began


def idle_cpu(servers: dict[str, int], seconds: float = IDLE_SAMPLE_S) -> dict[str, float]:
    """Cores each server process tree keeps busy with no load at all (heartbeats, pollers, the database)."""
    before = {name: tree_cpu_seconds(pid) for name, pid in servers.items()}
    time.sleep(seconds)
    return {name: round((tree_cpu_seconds(pid) - before[name]) / seconds, 4) for name, pid in servers.items()}


class Window:
    """CPU of every server process tree at the measured window's start and end; peak memory of all."""

    def __init__(
        self, servers: dict[str, int], generator_pid: int, count_dirs: dict[str, Path], generators: dict | None = None
    ):
        """`generators`: Locust worker processes, whose CPU counts as the load generator's."""
        self.servers, self.count_dirs, self.generators = servers, count_dirs, generators or {}
        self.start_served: dict[str, int] = {}
        self.end_served: dict[str, int] = {}
        # The master reports its own CPU (window.py); its workers are measured like the servers.
        self.watched = {**servers, **self.generators, "locust": generator_pid}
        self.start_cpu: dict[str, float] = {}
        self.end_cpu: dict[str, float] = {}
        self.peak_rss: dict[str, int] = dict.fromkeys(self.watched, 0)
        self.last_generator_cpu: dict[str, float] = {}  # a worker that has exited reads 0: keep its last figure
        # PostgreSQL starts a backend per connection by design; a gunicorn worker is only replaced when it died.
        self.pids_seen = {name: tree_pids(pid) for name, pid in servers.items() if name != "postgres"}

    def sample_memory(self) -> None:
        """Keep the peak resident memory of each process tree, and the workers' CPU while they still run."""
        for name, pid in self.watched.items():
            self.peak_rss[name] = max(self.peak_rss[name], tree_rss_bytes(pid))
        for name, seen in self.pids_seen.items():
            seen |= tree_pids(self.servers[name])
        for name, pid in self.generators.items():
            self.last_generator_cpu[name] = max(self.last_generator_cpu.get(name, 0.0), tree_cpu_seconds(pid))

    def open(self) -> None:
        """CPU counters at the window's start."""
        self.start_cpu = {name: tree_cpu_seconds(pid) for name, pid in {**self.servers, **self.generators}.items()}
        self.start_served = {name: served_requests(folder) for name, folder in self.count_dirs.items()}

    def close(self) -> None:
        """CPU counters at the window's end."""
        self.end_cpu = {name: tree_cpu_seconds(pid) for name, pid in {**self.servers, **self.generators}.items()}
        self.end_served = {name: served_requests(folder) for name, folder in self.count_dirs.items()}

    def restarted_processes(self) -> dict[str, int]:
        """Per server, how many of the processes seen during the run are gone (a crashed or killed worker)."""
        return {name: len(seen - tree_pids(self.servers[name])) for name, seen in self.pids_seen.items()}

    def served(self) -> dict[str, int]:
        """Requests each counting server (a microservice) served inside the window."""
        return {name: self.end_served[name] - self.start_served.get(name, 0) for name in self.end_served}

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds each server process tree used inside the window."""
        return {
            name: round(self.end_cpu[name] - self.start_cpu.get(name, 0.0), 3)
            for name in self.end_cpu
            if name not in self.generators
        }

    def generator_cpu_seconds(self) -> dict[str, float]:
        """CPU seconds each Locust worker used inside the window."""
        return {
            name: max(self.end_cpu.get(name, 0.0), self.last_generator_cpu.get(name, 0.0))
            - self.start_cpu.get(name, 0.0)
            for name in self.generators
        }
