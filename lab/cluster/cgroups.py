"""A machine of its own on this one: a cgroup whose CPU quota is its size, and whose own counters say how
busy it was. cgroup v2 (cpu.max) where the system has it, else v1 (cpu.cfs_quota_us, with cpuacct beside)."""

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

FS = Path("/sys/fs/cgroup")
LAB = "bookstore-lab"  # every machine of every run lives under this group, so leftovers are easy to find
PERIOD_US = 100_000  # the kernel's default CFS period, as Kubernetes and Docker use it


class MachinesUnavailable(RuntimeError):
    """Machines cannot be made here: not root, or no CPU controller."""


@dataclass(frozen=True)
class Counters:
    """A machine's cumulative counters at one moment."""

    at: float  # time.monotonic()
    cpu_s: float
    periods: int
    throttled_periods: int
    throttled_s: float


def _v2() -> bool:
    return (FS / "cgroup.controllers").exists()


def hierarchies() -> list[Path]:
    """The folders under which a machine's group is made: one for v2; for v1, the cpu one and the cpuacct one."""
    if _v2():
        return [FS / LAB]
    return [FS / "cpu" / LAB, FS / "cpuacct" / LAB]


def check_available() -> None:
    """MachinesUnavailable, saying why, where this process cannot make machines."""
    if os.geteuid() != 0:
        raise MachinesUnavailable("machines of their own are cgroups with CPU quotas, which only root can make")
    if _v2():
        if "cpu" not in (FS / "cgroup.controllers").read_text().split():
            raise MachinesUnavailable(f"the cgroup v2 hierarchy at {FS} has no cpu controller")
    elif not (FS / "cpu" / "cpu.cfs_quota_us").exists() or not (FS / "cpuacct" / "cpuacct.usage").exists():
        raise MachinesUnavailable(f"no cgroup v1 cpu and cpuacct controllers under {FS}")


def _write(path: Path, value: str) -> None:
    path.write_text(value)


class Machine:
    """One cgroup (one per hierarchy) named run/machine, with a quota of `cpus` cores."""

    def __init__(self, run: str, name: str, cpus: float):
        self.name, self.cpus = name, cpus
        self.paths = [root / run / name for root in hierarchies()]

    def create(self) -> "Machine":
        for path in self.paths:
            if _v2():  # a child gets the cpu controller only where every ancestor hands it down
                for parent in [path.parent.parent, path.parent]:
                    parent.mkdir(exist_ok=True)
                    _write(parent / "cgroup.subtree_control", "+cpu")
            path.mkdir(parents=True, exist_ok=True)
        self.resize(self.cpus)
        return self

    def resize(self, cpus: float | None) -> None:
        """Set its quota (None: unlimited, as while it starts)."""
        quota = -1 if cpus is None else max(1000, round(cpus * PERIOD_US))
        if _v2():
            _write(self.paths[0] / "cpu.max", f"{'max' if quota < 0 else quota} {PERIOD_US}")
        else:
            _write(self.paths[0] / "cpu.cfs_period_us", str(PERIOD_US))
            _write(self.paths[0] / "cpu.cfs_quota_us", str(quota))

    def adopt(self, pids: set[int]) -> None:
        """Move processes onto this machine; the children they fork later are born on it."""
        for pid in sorted(pids):
            for path in self.paths:
                with contextlib.suppress(ProcessLookupError):
                    _write(path / "cgroup.procs", str(pid))

    def pids(self) -> set[int]:
        return members(self.paths[0])

    def counters(self) -> Counters:
        at = time.monotonic()
        stat = dict(line.split() for line in (self.paths[0] / "cpu.stat").read_text().splitlines())
        if _v2():
            cpu_s = int(stat["usage_usec"]) / 1e6
            throttled_s = int(stat.get("throttled_usec", 0)) / 1e6
        else:
            cpu_s = int((self.paths[1] / "cpuacct.usage").read_text()) / 1e9
            throttled_s = int(stat["throttled_time"]) / 1e9
        return Counters(at, cpu_s, int(stat["nr_periods"]), int(stat["nr_throttled"]), throttled_s)


def members(path: Path) -> set[int]:
    """The processes in a group (none once it is gone)."""
    try:
        return {int(pid) for pid in (path / "cgroup.procs").read_text().split()}
    except OSError:
        return set()


def use_between(machine: Machine, start: Counters, end: Counters) -> dict:
    """What a machine did between two readings, as run.json records it (lab/records/cluster.py MachineUse)."""
    seconds = max(end.at - start.at, 1e-9)
    cpu_s = end.cpu_s - start.cpu_s
    return {
        "cpu_s": round(cpu_s, 3),
        "periods": end.periods - start.periods,
        "throttled_periods": end.throttled_periods - start.throttled_periods,
        "throttled_s": round(end.throttled_s - start.throttled_s, 3),
        "busy_share": round(cpu_s / (machine.cpus * seconds), 3),
    }


def _groups_under(run: Path) -> list[Path]:
    return sorted((path for path in run.rglob("*") if path.is_dir()), key=lambda p: len(p.parts), reverse=True)


def _end(group: Path, grace_s: float) -> None:
    """SIGTERM what runs in a group, then SIGKILL what is left after grace_s; wait until it is empty."""
    for signum, wait_s in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 30.0)):
        for pid in members(group):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)
        deadline = time.monotonic() + wait_s
        while members(group) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not members(group):
            return


def remove_run(run: str, grace_s: float = 5) -> list[str]:
    """End every process left on a run's machines, then remove the machines; the machines that were removed."""
    removed = []
    for root in hierarchies():
        folder = root / run
        if not folder.is_dir():
            continue
        for group in [*_groups_under(folder), folder]:
            _end(group, grace_s)
            with contextlib.suppress(FileNotFoundError):
                group.rmdir()
            if group != folder and root == hierarchies()[0]:
                removed.append(group.name)
    return removed


def runs_present() -> list[str]:
    """The runs that have machines now."""
    roots = hierarchies()
    return sorted(path.name for path in roots[0].iterdir() if path.is_dir()) if roots[0].is_dir() else []


def remove_left_behind() -> list[str]:
    """Remove the machines of every run whose launcher is gone (a run is named for its folder, pid last)."""
    removed = []
    for run in runs_present():
        pid = run.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            removed += [f"{run}: {machine}" for machine in remove_run(run)]
    return removed
