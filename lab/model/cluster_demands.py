"""What each machine of a cluster configuration spends per request, calibrated on one machine at light load.

The calibration is up-1's light steps: those of its saturation run that served at most LIGHT_SHARE of its
capacity (at least the first), taken together, so that queueing hardly blurs the demands and one short step's
noise (a first request's cold caches, a log-in's hashing) weighs less. A component copied onto n machines has
its demand split evenly over them: HAProxy balances requests round robin. The balancer's own demand is
measured like any machine's.

Database replicas: the light run has none, so how the database's work splits between primary and replicas is
an estimate, stated here. The replicas take the reads of the declaration's replica reader (projection's
write_share: every request that is not a GET writes and stays on the primary, the others read); where the
services have databases of their own (microservices) only the reader's database moves, and its part of the
database's CPU is taken as the reader's part of the services' CPU, as projection.tiers splits it. Replaying the
primary's changes costs each replica a little CPU too, which the estimate leaves out.
"""

from dataclasses import dataclass

from lab.cluster.plan import DATABASE
from lab.model.calibration import REPLICA, component_of, window_demands
from lab.model.mva import Station, solve
from lab.model.projection import write_share
from lab.records import RunRecord, Step
from topology import registry

LIGHT_SHARE = 0.6  # a step counts as light load up to this share of the machine's capacity


@dataclass(frozen=True)
class ClusterCalibration:
    """A cluster model's inputs, all measured on up-1 at its lightest step."""

    label: str
    users: int
    think_s: float
    delay_s: float  # what of the response time no machine's CPU explains: hops, waits
    demands_s: dict[str, float]  # CPU seconds per edge request by component, on one copy of it
    read_share: float | None  # the share of the database's work the replicas take; None where the run cannot tell
    reference_ms: float | None = None  # the machine's speed during the light steps (lab/load/reference_work.py)


def kind(machine: str) -> str:
    """The component a machine runs: application-2 → application, postgres-replica-1 → postgres-replica."""
    return component_of(machine)


def _read_share(run: RunRecord, demands: dict[str, float]) -> float | None:
    if not run.endpoints:
        return None
    reads = 1 - write_share(run)
    declared = registry.charted(run.label)
    if not declared or not declared.own_databases or declared.replica_reads.reader not in declared.own_databases:
        return reads
    services = sum(demands.get(name, 0.0) for name in declared.own_databases)
    return reads * demands.get(declared.replica_reads.reader, 0.0) / services if services else 0.0


def calibrate(up_1: RunRecord) -> ClusterCalibration:
    """Demands, think time and delay from up-1's first step; ValueError where it has none to give."""
    if not up_1.steps or not up_1.cluster:
        raise ValueError(f"{up_1.label}: up-1 has no saturation step on machines to calibrate on")
    light = light_steps(up_1.steps)
    step = light[0]
    if not step.throughput_rps or step.latency_ms.mean is None:
        raise ValueError(f"{up_1.label}: up-1's first step served nothing")
    what = f"{up_1.label} up-1 steps {', '.join(str(each.users) for each in light)}"
    cpu: dict[str, float] = {}
    for each in light:  # the cgroup's own counter stands in for a process group the step did not record
        for name, seconds in ({n: use.cpu_s for n, use in (each.machines or {}).items()} | each.cpu_seconds).items():
            cpu[name] = cpu.get(name, 0.0) + seconds
    requests, seconds = sum(each.requests for each in light), sum(each.seconds for each in light)
    demands, _, _ = window_demands(what, requests, seconds, cpu, up_1.idle_cpu_share)
    response_s = step.latency_ms.mean / 1000
    think_s = max(0.0, step.users / step.throughput_rps - response_s)
    quotas = {name: machine.cpus for name, machine in up_1.cluster.machines.items()}
    service_s = sum(demands.get(kind(name), 0.0) / cpus for name, cpus in quotas.items())
    draft = ClusterCalibration(
        up_1.label, step.users, think_s, max(0.0, response_s - service_s), demands, _read_share(up_1, demands)
    )
    # Even at 40 users the machines queue a little; what queueing explains is not a fixed delay.
    modelled_s = solve(stations(draft, quotas), think_s, step.users).response_s
    delay_s = max(0.0, draft.delay_s - (modelled_s - response_s))
    timed = sorted(each.reference_work_ms for each in light if each.reference_work_ms)
    reference_ms = timed[len(timed) // 2] if timed else None
    return ClusterCalibration(draft.label, draft.users, think_s, delay_s, demands, draft.read_share, reference_ms)


def light_steps(steps: list[Step]) -> list[Step]:
    """The steps served at no more than LIGHT_SHARE of the most any step served; the first one at least."""
    most = max(step.throughput_rps for step in steps)
    return [step for step in steps if step.throughput_rps <= LIGHT_SHARE * most] or steps[:1]


def machine_demands(calibration: ClusterCalibration, machines: list[str]) -> dict[str, float]:
    """CPU seconds per edge request on each machine; ValueError for one the calibration cannot account for."""
    copies: dict[str, int] = {}
    for name in machines:
        copies[kind(name)] = copies.get(kind(name), 0) + 1
    replicas = copies.get(REPLICA, 0)
    moved = calibration.read_share if replicas else 0.0
    if moved is None:
        raise ValueError(f"{calibration.label}: up-1 recorded no endpoints, so reads cannot be told from writes")
    found = {}
    for name in machines:
        component = DATABASE if kind(name) == REPLICA else kind(name)
        if component not in calibration.demands_s:
            raise ValueError(f"{calibration.label}: up-1 measured no {component}, which machine {name} runs")
        demand = calibration.demands_s[component]
        if kind(name) == REPLICA:
            found[name] = demand * moved / replicas
        elif component == DATABASE:
            found[name] = demand * (1 - moved)
        else:
            found[name] = demand / copies[component]
    return found


def stations(calibration: ClusterCalibration, quotas: dict[str, float]) -> list[Station]:
    """The machines as queues: a quota of c cores serves a demand D as one server of demand D/c; then the delay."""
    demands = machine_demands(calibration, list(quotas))
    queues = [Station(name, demands[name] / quotas[name]) for name in quotas]
    return queues + ([Station("delay", calibration.delay_s, delay=True)] if calibration.delay_s > 0 else [])
