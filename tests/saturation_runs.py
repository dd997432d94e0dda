"""A users-100 run and saturation steps as run.json records them, for the knee model's tests."""

from lab.records import RunRecord, Step
from tests.run_records import run_record, step_record


def step(users: int, rps: float, app_ms: float, p95: float = 20.0, mean: float = 10.0, **more) -> Step:
    seconds = 20.0
    return step_record(
        users=users,
        seconds=seconds,
        requests=round(rps * seconds),
        throughput_rps=rps,
        latency_ms={"mean": mean, "p95": p95},
        cpu_seconds={"app": rps * seconds * app_ms / 1000, "locust": rps * seconds * 0.0005},
        **more,
    )


def light_run(**more) -> RunRecord:
    return run_record(
        label="x",
        profile={"name": "users-100", "users": 100},
        machine={"cores": 2},
        totals={"requests": 2000, "throughput_rps": 40.0, "latency_ms": {"mean": 5.0}},
        window={"seconds": 50.0},
        cpu_seconds={"app": 2000 * 0.003, "locust": 2000 * 0.0005},
        idle_cpu_share={},
        **more,
    )


def saturation_run(*steps: Step) -> RunRecord:
    return run_record(label="x", profile={"name": "saturation"}, steps=list(steps))
