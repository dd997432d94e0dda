"""`make cap-<arch>` and `make cap-all`: each mode in turn on a fresh pair of sites, then the report."""

from pathlib import Path

from lab.bench.campaign import Task
from lab.cap.experiment import CAP_RESULTS, DEFAULT_TIMING, MODES, CapTiming, run_cap
from lab.records import CapRecord, read_record
from loadtests.profiles import STARTUP_ALLOWANCE_S
from topology import registry


def _failed(out: Path) -> bool:
    found = read_record(out / "run.json", CapRecord)
    return not found.data_check.passed or not found.replication_cut


def cap_tasks(
    architectures: list[str], mode: str | None = None, results: Path = CAP_RESULTS, timing: CapTiming = DEFAULT_TIMING
) -> list[Task]:
    """One task per architecture and mode (both, CP first, unless one is named); a task fails on lost data."""
    for architecture in architectures:
        if architecture not in registry.in_cap():  # each site must run it on its own (see its declaration)
            raise ValueError(f"the CAP experiment runs {', '.join(registry.in_cap())}, not {architecture}")
    if mode is not None and mode not in MODES:
        raise ValueError(f"MODE must be {' or '.join(MODES)}, not {mode!r}")
    estimate = timing.warm_s + timing.before_s + timing.partition_s + timing.after_s + 2 * STARTUP_ALLOWANCE_S
    return [
        Task(
            f"{architecture}: CAP experiment, {each} mode",
            estimate,
            lambda a=architecture, m=each: _failed(run_cap(a, m, results, timing)),
        )
        for architecture in architectures
        for each in ([mode] if mode else list(MODES))
    ]
