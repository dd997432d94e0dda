"""What a CAP run showed: per site and activity, what succeeded before, during and after the partition; stale
reads; how far the replica fell behind and how long it took to catch up; whether any order was lost."""

import json
import time
from dataclasses import asdict

from lab.chaos.availability import activity_of
from lab.i18n import N_
from lab.load import stale_reads
from lab.records import CapRecord

SITES = ("A", "B")
PHASES = ("before", "partition", "after")


def wait_until_converged(run, heal_at: float, timing) -> float | None:
    """After the heal, sample until the replica has replayed all the primary wrote, and at least after_s;
    the moment it had, or None if it had not within converge_limit_s."""
    converged_at = None
    while time.time() < heal_at + timing.converge_limit_s:
        run.wait(1)
        latest = run.lag[-1] if run.lag and run.lag[-1][0] > heal_at else None
        if converged_at is None and latest and latest[2] == 0:
            converged_at = latest[0]
        if converged_at is not None and time.time() >= heal_at + timing.after_s:
            break
    return converged_at


def _split(key: str) -> tuple[str, str | None]:
    endpoint, _, site = key.partition(" @")
    return endpoint, site or None


def _phase(second: int, partition_at: float, heal_at: float) -> str | None:
    """Whole seconds only: a second that straddles the cut or the heal belongs to neither side."""
    if second + 1 <= partition_at:
        return "before"
    if second >= partition_at and second + 1 <= heal_at:
        return "partition"
    return "after" if second >= heal_at else None


def availability(seconds: dict, partition_at: float, heal_at: float) -> dict:
    """site -> phase -> activity -> share of requests that succeeded (None where none was sent)."""
    counts: dict = {}
    for second, endpoints in seconds.items():
        phase = _phase(int(second), partition_at, heal_at)
        for key, (ok, failed) in endpoints.items():
            endpoint, site = _split(key)
            if phase and site:
                for activity in (activity_of(endpoint), "all"):
                    cell = counts.setdefault(site, {}).setdefault(phase, {}).setdefault(activity, [0, 0])
                    cell[0], cell[1] = cell[0] + ok, cell[1] + failed
    return {
        site: {
            phase: {
                activity: ok / (ok + failed) if ok + failed else None
                for activity, (ok, failed) in counts.get(site, {}).get(phase, {}).items()
            }
            for phase in PHASES
        }
        for site in SITES
    }


def stale_by_site(folder, partition_at: float, heal_at: float) -> dict:
    """site -> phase -> [reads checked, stale], and per second [second, site, stale] for the chart."""
    found = {site: {phase: [0, 0] for phase in PHASES} for site in SITES}
    series = []
    for second, endpoints in sorted(stale_reads.per_second(folder).items()):
        phase = _phase(second, partition_at, heal_at)
        for key, (reads, back_up, own) in endpoints.items():
            _, site = _split(key)
            if site in found:
                series.append([second, site, back_up + own])
                if phase:
                    found[site][phase][0] += reads
                    found[site][phase][1] += back_up + own
    return {"by_site": found, "series": series}


def summarise(run, timing, partition_at: float, heal_at: float, converged_at: float | None, verdict: dict) -> CapRecord:
    """run.json of one CAP run."""
    timeline = json.loads((run.out / "timeline.json").read_text())
    during = [(ms, lag_bytes) for t, ms, lag_bytes in run.lag if partition_at <= t <= heal_at]
    return CapRecord(
        architecture=run.architecture,
        mode=run.mode,
        users=run.users,
        site_b_reads=N_("primary (consistent)") if run.mode == "CP" else N_("replica (may be stale)"),
        phases={"partition_at": partition_at, "heal_at": heal_at, "converged_at": converged_at},
        availability=availability(timeline["seconds"], partition_at, heal_at),
        stale_reads=stale_by_site(run.out / "staleness", partition_at, heal_at),
        lag_series=run.lag,
        lag_during_partition={
            "max_ms": max((ms for ms, _ in during), default=None),
            "max_bytes": max((b for _, b in during), default=None),
        },
        replication_cut=any(lag_bytes > 0 for _, lag_bytes in during),
        converge_s=None if converged_at is None else round(max(0.0, converged_at - heal_at), 1),
        failure_reasons=timeline.get("failure_reasons", {}),
        data_check=verdict,
        timing=asdict(timing),
    )


def verdict_line(found: CapRecord) -> str:
    """One line for the console."""
    during = found.availability["B"]["partition"]
    browse, everything = during.get("browse"), during.get("all")
    share = lambda value: "n/a" if value is None else f"{value:.0%}"  # noqa: E731
    converge = found.converge_s
    return (
        f"site B during the partition: {share(browse)} of browsing, {share(everything)} of all requests "
        f"succeeded; caught up {'never' if converge is None else f'{converge:.0f} s after the heal'}; "
        f"data check {'passed' if found.data_check.passed else 'FAILED'}"
    )
