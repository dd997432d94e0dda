"""A users-100 run and saturation steps in the shape run.json records them, for the knee model's tests."""


def step(users: int, rps: float, app_ms: float, p95: float = 20.0, mean: float = 10.0) -> dict:
    seconds = 20.0
    return {
        "users": users,
        "seconds": seconds,
        "requests": round(rps * seconds),
        "throughput_rps": rps,
        "latency_ms": {"mean": mean, "p95": p95},
        "cpu_seconds": {"app": rps * seconds * app_ms / 1000, "locust": rps * seconds * 0.0005},
    }


def light_run() -> dict:
    return {
        "label": "x",
        "profile": {"name": "users-100", "users": 100},
        "machine": {"cores": 2},
        "totals": {"requests": 2000, "throughput_rps": 40.0, "latency_ms": {"mean": 5.0}},
        "window": {"seconds": 50.0},
        "cpu_seconds": {"app": 2000 * 0.003, "locust": 2000 * 0.0005},
        "idle_cpu_share": {},
    }
