"""Demands that fall as load rises, so that the model can find the knee.

Measured CPU per request falls with load (the monolith's from 3.3 ms at 100 users to 2.3 ms near its knee):
part of what a server burns is paid per second, not per request (gthread's poller waking, keep-alive
bookkeeping, timers), and the more requests share each second, the less of it each one carries. So each
process's demand is modelled as D(X) = a + b/X: a CPU seconds per request, b cores kept busy by a loaded
server whatever the rate. Two light measurements fix a and b: users-100 and the saturation run's first step.

The prediction is then a fixed point: the throughput sets the demands, the demands (through the closed
network of lab/model/mva.py) set the throughput. The knee is where the cores run out:
X = (cores - sum b) / sum a.
"""

from dataclasses import dataclass, replace
from typing import TypeVar

from lab.i18n import _
from lab.model.calibration import Calibration, calibrate, demands, predicted_response_s, window_demands
from lab.records import RunRecord, Step, capacity_step

_ITERATIONS, _TOLERANCE = 100, 1e-4
Measured = TypeVar("Measured", RunRecord, Step)
KNEE_AIM = 0.10  # the error aimed for on the knee's throughput and on the p95 just before it


@dataclass(frozen=True)
class Demand:
    """CPU seconds per request at throughput x: per_request_s + per_second / x."""

    per_request_s: float
    per_second: float = 0.0  # cores

    def at(self, throughput: float) -> float:
        return self.per_request_s + self.per_second / max(throughput, 1e-9)


def fit(light: tuple[float, float], heavier: tuple[float, float]) -> Demand:
    """The line through (throughput, demand) at two loads; a demand that rose is held at its heavier value."""
    (x1, d1), (x2, d2) = light, heavier
    if x2 <= x1 or d1 <= d2:
        return Demand(d2)
    per_second = (d1 - d2) / (1 / x1 - 1 / x2)
    return Demand(max(d2 - per_second / x2, 0.0), per_second)


@dataclass(frozen=True)
class LoadDependentModel:
    """The machine model of lab/model/calibration.py, its demands a function of throughput."""

    base: Calibration  # think time, fixed delay and cores from users-100
    servers: dict[str, Demand]
    generator: Demand

    def at(self, throughput: float) -> Calibration:
        """The constant-demand model that holds at this throughput."""
        found = {name: demand.at(throughput) for name, demand in self.servers.items()}
        return replace(self.base, demands_s=found, generator_s=self.generator.at(throughput))

    def predict(self, users: int) -> tuple[float, float]:
        """(throughput, mean response time) at `users`: the fixed point of demands and throughput."""
        throughput, response = predicted_response_s(self.base, users)
        for _iteration in range(_ITERATIONS):
            new_throughput, response = predicted_response_s(self.at(throughput), users)
            if abs(new_throughput - throughput) <= _TOLERANCE * throughput:
                return new_throughput, response
            throughput = (throughput + new_throughput) / 2  # damped: demands and throughput pull each other
        return throughput, response

    def knee_rps(self) -> float:
        """The most this machine serves: where the cores left after the per-second costs run out."""
        cores = max(1, round(self.base.cores - self.base.background_cores))
        per_request = sum(d.per_request_s for d in self.servers.values()) + self.generator.per_request_s
        per_second = sum(d.per_second for d in self.servers.values()) + self.generator.per_second
        return (cores - per_second) / per_request if per_request > 0 else float("inf")


def _point(step: Step, idle: dict[str, float]) -> tuple[float, dict[str, float], float]:
    """(throughput, server demands by component, generator demand) of a saturation step, in seconds, with
    what the servers burn idle taken out as for a profile run."""
    servers, generator, _background = window_demands(
        f"step {step.users}", step.requests, step.seconds, step.cpu_seconds, idle
    )
    return step.throughput_rps, servers, generator


def calibrate_load_dependent(light: RunRecord, first_step: Step) -> LoadDependentModel:
    """Fit every process's demand through users-100 and the first saturation step."""
    base = calibrate(light)
    x1, servers1, generator1 = light.totals.throughput_rps, *demands(light)[:2]
    x2, servers2, generator2 = _point(first_step, light.idle_cpu_share)
    servers = {
        name: fit((x1, servers1.get(name, 0.0)), (x2, servers2.get(name, 0.0)))
        for name in sorted(set(servers1) | set(servers2))
    }
    return LoadDependentModel(base, servers, fit((x1, generator1), (x2, generator2)))


def _at_speed(run: Measured, factor: float) -> Measured:
    """A run or step as if the machine had been `factor` times as slow: every process's CPU scaled by it."""
    return run.model_copy(update={"cpu_seconds": {name: s * factor for name, s in run.cpu_seconds.items()}})


def knee_at_its_speed(light: RunRecord, first_step: Step, knee: Step) -> float | None:
    """The knee predicted from both light loads rescaled to the machine's speed at the knee: the time one fixed
    piece of work took (lab/load/reference_work.py) during each, in proportion. None where one was not timed.

    It takes nothing of the knee's own load, throughput or CPU; only how fast the machine itself was then.
    """
    at_light, at_first, at_knee = (run.reference_work_ms for run in (light, first_step, knee))
    if not (at_light and at_first and at_knee):
        return None
    rescaled = _at_speed(light, at_knee / at_light), _at_speed(first_step, at_knee / at_first)
    return calibrate_load_dependent(*rescaled).knee_rps()


def _busy_cores(step: Step) -> float | None:
    """Cores the servers and Locust kept busy in a step; None if the servers' CPU was not sampled at its edges."""
    if set(step.cpu_seconds) <= {"locust"} or not step.seconds:
        return None
    return sum(step.cpu_seconds.values()) / step.seconds


def knee_validation(light: RunRecord, saturation: RunRecord) -> dict | None:
    """The knee predicted from users-100 and the first step against the steps after it: the most measured, and
    the p95 at the last step before it (the model's mean times the p95/mean ratio of the first step)."""
    steps = saturation.steps or []
    if len(steps) < 2:
        return None
    model = calibrate_load_dependent(light, steps[0])
    knee = capacity_step(steps)
    top = steps.index(knee)
    row = {
        "calibrated_on": _("users-100, step {users}").format(users=steps[0].users),
        "knee_users": knee.users,
        "measured_knee_rps": knee.throughput_rps,
        "predicted_knee_rps": model.knee_rps(),
        "processes_busy_cores": _busy_cores(knee),
        "machine_busy_cores": knee.machine_busy_cores,  # runs from before it was recorded: None
        # the machine's speed at each (lab/load/reference_work.py)
        "reference_work_ms": [light.reference_work_ms, steps[0].reference_work_ms, knee.reference_work_ms],
        "predicted_knee_rps_at_its_speed": knee_at_its_speed(light, steps[0], knee),
        "before_users": None,
        "measured_p95_ms": None,
        "predicted_p95_ms": None,
    }
    if top >= 2:  # the step before the knee is not the calibration step
        before, first = steps[top - 1], steps[0].latency_ms
        mean_s = model.predict(before.users)[1]
        row |= {
            "before_users": before.users,
            "measured_p95_ms": before.latency_ms.p95,
            "predicted_p95_ms": 1000 * mean_s * first.p95 / first.mean,
        }
    return row
