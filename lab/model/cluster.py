"""Cluster runs against the queueing model: each configuration's capacity and bottleneck, measured and predicted.

The prediction is the bottleneck law: each machine m serves at most quota_m / D_m requests per second, the
configuration as much as its slowest machine, which is its bottleneck. It needs only up-1's light step and each
configuration's quotas, not where the saturation run happened to stop, and capacity is exactly that ceiling.
Mean Value Analysis at the users of the measured capacity step is kept beside it as a check: it says how much
of a gap comes from the run stopping below the ceiling (its steps are coarse, and a throttled quota stretches
response times past the run's p95 limit before the machine is flat out) rather than from wrong demands.

`python -m lab.model.cluster_summary <results dir>` prints each architecture's table in Markdown.
"""

import math
from dataclasses import dataclass, replace

from lab.model.cluster_demands import ClusterCalibration, calibrate, kind, machine_demands, stations
from lab.model.mva import solve
from lab.records import RunRecord, Step, capacity_step
from lab.records.cluster import Cluster

ONE_MACHINE = "up-1"


@dataclass(frozen=True)
class Row:
    """One configuration, measured and predicted; None where it could not be measured or predicted."""

    configuration: str
    mode: str
    n: int  # copies (out) or size in 1× machines (up) of each scaled component
    replicas: int
    machines: int
    cores: float
    users: int | None  # at the measured capacity step
    capacity_rps: float | None
    bottleneck: str | None
    predicted_rps: float | None
    predicted_bottleneck: str | None
    mva_rps: float | None  # the check: MVA at the capacity step's users
    at_speed_rps: float | None  # the prediction at the machine's own speed during the capacity step
    speedup: float | None  # against up-1, measured
    predicted_speedup: float | None
    scaled: tuple[str, ...] = ()  # the components copied or enlarged

    @property
    def error_percent(self) -> float | None:
        """How far the prediction lies from the measurement, in % of the measurement."""
        if self.predicted_rps is None or not self.capacity_rps:
            return None
        return 100 * (self.predicted_rps - self.capacity_rps) / self.capacity_rps

    @property
    def at_speed_error_percent(self) -> float | None:
        """The same, for the prediction at the machine's own speed."""
        if self.at_speed_rps is None or not self.capacity_rps:
            return None
        return 100 * (self.at_speed_rps - self.capacity_rps) / self.capacity_rps

    @property
    def same_bottleneck(self) -> bool | None:
        if self.bottleneck is None or self.predicted_bottleneck is None:
            return None
        return kind(self.bottleneck) == kind(self.predicted_bottleneck)  # any copy of a component is as good


def predict(calibration: ClusterCalibration, quotas: dict[str, float]) -> tuple[float, str]:
    """(capacity in req/s, bottleneck machine) by the bottleneck law."""
    demands = machine_demands(calibration, list(quotas))
    ceilings = {name: quotas[name] / demand for name, demand in demands.items() if demand > 0}
    bottleneck = min(ceilings, key=lambda name: ceilings[name])
    return ceilings[bottleneck], bottleneck


def speed(calibration: ClusterCalibration, step: Step | None) -> float | None:
    """How much faster this shared machine ran at a configuration's capacity step than while the model was
    calibrated: one fixed piece of work's time then over its time there (lab/load/reference_work.py). A CPU
    second buys more requests on a fast stretch, so a quota serves more. None where either was not timed."""
    there = step.reference_work_ms if step else None
    return calibration.reference_ms / there if calibration.reference_ms and there else None


def _order(cluster: Cluster) -> tuple[int, bool, int]:
    """up-1, up-2, up-4, out-2.. out-8, then the same with one replica, two..."""
    return cluster.replicas, cluster.mode != "up", cluster.n


def _calibration(runs: dict[str, RunRecord]) -> ClusterCalibration | None:
    try:
        return calibrate(runs[ONE_MACHINE]) if ONE_MACHINE in runs else None
    except ValueError as why:
        print(f"no cluster model: {why}")
        return None


def rows(runs: dict[str, RunRecord]) -> list[Row]:
    """A row per configuration run on machines, up-1 first; predicted from up-1's light step where it exists."""
    calibration = _calibration(runs)
    clusters = {name: run.cluster for name, run in runs.items() if run.cluster}
    found = []
    for name, cluster in sorted(clusters.items(), key=lambda item: _order(item[1])):
        best = capacity_step(runs[name].steps or [])
        quotas = {machine: use.cpus for machine, use in cluster.machines.items()}
        predicted, bottleneck, mva, at_speed = None, None, None, None
        if calibration and quotas:
            try:
                predicted, bottleneck = predict(calibration, quotas)
                factor = speed(calibration, best)
                at_speed = predicted * factor if factor else None
                mva = best and solve(stations(calibration, quotas), calibration.think_s, best.users).throughput
            except ValueError as why:
                print(f"{runs[name].label} {name}: no prediction: {why}")
        found.append(
            Row(
                configuration=name,
                mode=cluster.mode,
                n=cluster.n,
                replicas=cluster.replicas,
                machines=len(quotas),
                cores=math.fsum(quotas.values()),
                users=best and best.users,
                capacity_rps=best and best.throughput_rps,
                bottleneck=cluster.bottleneck,
                predicted_rps=predicted,
                predicted_bottleneck=bottleneck,
                mva_rps=mva,
                at_speed_rps=at_speed,
                speedup=None,
                predicted_speedup=None,
                scaled=tuple(cluster.scaled),
            )
        )
    return _with_speedups(found)


def _with_speedups(found: list[Row]) -> list[Row]:
    one = next((row for row in found if row.configuration == ONE_MACHINE), None)
    if one is None:
        return found
    measured, predicted = one.capacity_rps, one.predicted_rps
    return [
        replace(row, speedup=_ratio(row.capacity_rps, measured), predicted_speedup=_ratio(row.predicted_rps, predicted))
        for row in found
    ]


def _ratio(value: float | None, base: float | None) -> float | None:
    return value / base if value is not None and base else None
