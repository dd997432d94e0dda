"""From a measured run to a queueing model: demands per component, think time, fixed delay.

The cycle of one simulated user: think, then Locust sends the request (its CPU), the servers
work (their CPU) and the request waits on things that are not CPU here (hops, locks, I/O).
Measured: users N, throughput X, mean response time R, CPU seconds of every process in the
window and what each burns idle. Then, by the interactive response time law, think time
Z = N/X - R - D_locust, and the fixed delay is whatever of R the CPU does not explain.
"""

import re
from dataclasses import dataclass

from lab.model.mva import Station, solve
from lab.records import RunRecord

GENERATOR = "locust"
DATABASE = "postgres"
REPLICA = "postgres-replica"  # hot standbys of the database (lab/launch/replication.py), counted together
REPLICA_SUFFIX = re.compile(r"-\d+$")


@dataclass(frozen=True)
class Calibration:
    """A model's inputs, all measured in one run."""

    label: str
    profile: str
    users: int
    cores: int
    think_s: float
    delay_s: float
    demands_s: dict[str, float]  # server CPU seconds per edge request, by component (replicas summed)
    generator_s: float  # the load generator's CPU seconds per edge request, on the same cores
    background_cores: float  # cores kept busy with no load at all

    @property
    def server_demand_s(self) -> float:
        """CPU seconds all servers spend on one edge request."""
        return sum(self.demands_s.values())

    def machine(self) -> list[Station]:
        """This machine as it is: every process shares its cores; the delay is a station of its own."""
        cores = max(1, round(self.cores - self.background_cores))
        stations = [Station("cpu", self.server_demand_s + self.generator_s, servers=cores)]
        return stations + ([Station("delay", self.delay_s, delay=True)] if self.delay_s > 0 else [])


def component_of(process: str) -> str:
    """The component a measured process belongs to: replicas (catalog-2) count as their component."""
    return REPLICA_SUFFIX.sub("", process)


def demands(run: RunRecord) -> tuple[dict[str, float], float, float]:
    """(server demands by component, load generator demand, background cores) of a run, in seconds."""
    what = f"{run.label} {run.profile.name}"
    return window_demands(what, run.totals.requests, run.window.seconds, run.cpu_seconds, run.idle_cpu_share)


def window_demands(
    what: str, requests: int, seconds: float, cpu_seconds: dict[str, float], idle: dict[str, float]
) -> tuple[dict[str, float], float, float]:
    """demands() of any measured window: a run's, or a saturation step's with its run's idle CPU."""
    if not requests:
        raise ValueError(f"{what}: no request was measured")
    by_component: dict[str, float] = {}
    for process, cpu in cpu_seconds.items():
        if process == GENERATOR:
            continue
        busy = max(0.0, cpu - idle.get(process, 0.0) * seconds)  # what the load caused, not what idling costs
        by_component[component_of(process)] = by_component.get(component_of(process), 0.0) + busy / requests
    return by_component, cpu_seconds.get(GENERATOR, 0.0) / requests, sum(idle.values())


def predicted_response_s(calibration: "Calibration", users: int) -> tuple[float, float]:
    """(throughput, mean response time) the model predicts for `users`: Locust's own CPU time left out."""
    solution = solve(calibration.machine(), calibration.think_s, users)
    total = calibration.server_demand_s + calibration.generator_s
    stretch = solution.residence_s["cpu"] / total if total else 1.0  # every CPU second queues alike
    return solution.throughput, stretch * calibration.server_demand_s + calibration.delay_s


def calibrate(run: RunRecord, light: RunRecord | None = None) -> Calibration:
    """The model of a measured flat-profile run; think time and fixed delay from `light` when given.

    A fixed delay can only be told apart from queueing where there is almost none: at light load.
    So a projection takes its demands from the heaviest run and its delay from users-100.
    """
    by_component, generator, background = demands(run)
    timing = light or run
    _, timing_generator, _ = demands(timing)
    users = timing.profile.users
    throughput = timing.totals.throughput_rps
    response = timing.totals.latency_ms.mean / 1000
    cores = run.machine.cores
    think = max(0.0, users / throughput - response - timing_generator)
    delay = max(0.0, response - sum(by_component.values()))
    draft = Calibration(run.label, run.profile.name, users, cores, think, delay, by_component, generator, background)
    # The first guess ignored queueing at the timing run's load; take what queueing explains out of the delay.
    _, modelled = predicted_response_s(draft, users)
    delay = max(0.0, delay - (modelled - response))
    return Calibration(run.label, run.profile.name, users, cores, think, delay, by_component, generator, background)
