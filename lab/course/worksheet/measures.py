"""The numbers the worksheet's answers are computed from, each from what a run record truly holds.

CPU per request is the server's: every process but the load generator (lab/report/results.py server_cpu_ms),
the database included, replicas counted as their component.
"""

from lab.records import RunRecord, capacity_step
from lab.records.cap import CapRecord
from lab.report.results import server_cpu_ms

MILLION_SHOPPERS_RPS = 330_000  # a million shoppers, each sending one request every 3 s or so


def think_time_s(run: RunRecord) -> float:
    """The interactive response time law, N = X (R + Z), solved for Z: users / throughput − mean response time."""
    mean_ms = run.totals.latency_ms.mean
    if mean_ms is None or not run.totals.throughput_rps:
        raise ValueError(f"{run.label} {run.profile.name}: nothing completed")
    return run.profile.users / run.totals.throughput_rps - mean_ms / 1000


def server_ms(run: RunRecord) -> float:
    """Server CPU milliseconds per edge request, every process but the load generator."""
    return sum(server_cpu_ms(run).values())


def extra_ms(more: RunRecord, fewer: RunRecord) -> float:
    """How many more server CPU milliseconds one request costs in `more` than in `fewer`."""
    return server_ms(more) - server_ms(fewer)


def throughput_ratio(heavy: RunRecord, light: RunRecord) -> float:
    return heavy.totals.throughput_rps / light.totals.throughput_rps


def cores_for(rps: float, run: RunRecord) -> float:
    """Cores busy serving `rps` requests a second at the run's server CPU per request."""
    return rps * server_ms(run) / 1000


def predicted_capacity_rps(run: RunRecord) -> float:
    """The utilisation law's ceiling: the machine's cores over the server CPU-seconds each request costs."""
    return run.machine.cores / (server_ms(run) / 1000)


def knee_rps(saturation: RunRecord) -> float:
    """The saturation run's capacity: the throughput of its busiest step (its knee)."""
    step = capacity_step(saturation.steps or [])
    if step is None:
        raise ValueError(f"{saturation.label} {saturation.profile.name}: no steps")
    return step.throughput_rps


def share_percent(run: RunRecord, component: str) -> float:
    """A component's share of the server CPU per request, in percent."""
    return 100 * server_cpu_ms(run).get(component, 0.0) / server_ms(run)


def busiest(run: RunRecord, leaving_out: tuple[str, ...]) -> str:
    """The component that spent the most CPU per request, `leaving_out` components (e.g. the database) aside."""
    spent = {name: ms for name, ms in server_cpu_ms(run).items() if name not in leaving_out}
    return max(spent, key=lambda name: spent[name])


def stale_reads_cut_off(cap: CapRecord, site: str = "B") -> int:
    """Stale reads site B's shoppers saw while the partition cut it off (its replica fell behind)."""
    phases = cap.stale_reads.by_site.get(site, {})
    return phases["partition"][1] if "partition" in phases else 0


def fastest(runs: list[RunRecord]) -> str:
    """The label whose mean response time was lowest."""
    timed = [run for run in runs if run.totals.latency_ms.mean is not None]
    return min(timed, key=lambda run: run.totals.latency_ms.mean or 0.0).label
