"""Saturation run: raise users step by step, measure each step, stop once the server is saturated.

Loaded beside the locustfile (instead of window.py) by the bench's saturation profile. Each
step ramps to its user count, settles, then measures; its statistics are the difference of
Locust's cumulative totals over the measured part, written to LAB_MARK_DIR as step-<n>.json.
"""

import json
import resource
import time
from pathlib import Path

from locust import LoadTestShape, events

try:
    from loadtests.saturation import measured_step, saturation_reason
    from loadtests.settings import SETTINGS
except ImportError:  # `locust -f` run from outside the project root: the file's own folder is on sys.path
    from saturation import measured_step, saturation_reason
    from settings import SETTINGS

STEPS = SETTINGS.steps
SPAWN_RATE, SETTLE_S, MEASURE_S = SETTINGS.spawn_rate, SETTINGS.settle_s, SETTINGS.measure_s
MARK_DIR = SETTINGS.mark_dir


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _write(name: str, content: dict) -> None:
    if MARK_DIR:
        Path(MARK_DIR, name).write_text(json.dumps(content))


def _snapshot(total) -> dict:
    return {
        "time": time.time(),
        "cpu_seconds": _cpu_seconds(),
        "requests": total.num_requests,
        "failures": total.num_failures,
        "total_response_time": total.total_response_time,
        "response_times": dict(total.response_times),
    }


class StepLoad(LoadTestShape):
    """Users in rising steps; each step ramps, settles, is measured, then saturation is judged."""

    def __init__(self) -> None:
        super().__init__()
        self.index, self.phase, self.phase_started = 0, "ramp", 0.0
        self.start_snapshot: dict | None = None
        self.steps: list[dict] = []

    def tick(self):
        now = self.get_run_time()
        users = STEPS[self.index]
        if self.phase == "ramp" and self.runner.user_count >= users:
            self.phase, self.phase_started = "settle", now
        elif self.phase == "settle" and now - self.phase_started >= SETTLE_S:
            if self.index == 0:
                self.runner.stats.reset_all()  # start-up logins and the first ramp are not measured
                _write("measure_start", {"time": time.time(), "cpu_seconds": _cpu_seconds()})
            self.start_snapshot = _snapshot(self.runner.stats.total)
            _write(f"step-{self.index}-start", {"time": self.start_snapshot["time"], "users": users})
            self.phase, self.phase_started = "measure", now
        elif self.phase == "measure" and now - self.phase_started >= MEASURE_S:
            step = measured_step(users, self.start_snapshot, _snapshot(self.runner.stats.total))
            step["stop_reason"] = saturation_reason(step, self.steps[-1] if self.steps else None)
            self.steps.append(step)
            _write(f"step-{self.index}", step)
            if step["stop_reason"] or self.index + 1 == len(STEPS):
                return None
            self.index, self.phase = self.index + 1, "ramp"
        return STEPS[self.index], SPAWN_RATE


@events.test_stop.add_listener
def _end_window(environment, **_kwargs) -> None:
    _write("measure_end", {"time": time.time(), "cpu_seconds": _cpu_seconds()})
