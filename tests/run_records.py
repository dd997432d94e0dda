"""Run records for tests: what a test sets, on top of neutral values for every field run.json requires.

The neutral values are zeros and placeholders that no test asserts on; a test states the figures it checks.
"""

from lab.records import RunRecord, Step

FIGURES = {"requests": 0, "failures": 0, "failure_ratio": 0.0, "throughput_rps": 0.0, "latency_ms": {}}
STEP = FIGURES | {"users": 0, "seconds": 0.0, "cpu_seconds": {}, "cpu_ms_per_request": {}}
ENDPOINT = FIGURES | {"method": "GET", "name": "/"}
RUN = {
    "architecture": "test",
    "label": "test",
    "database": None,
    "profile": {
        "name": "users-100",
        "users": 100,
        "spawn_rate": 1,
        "warmup_s": 0,
        "duration_s": 1,
        "description": "a test",
        "run_time_s": 1,
    },
    "git_commit": "unknown",
    "git_dirty": False,
    "date": "2026-12-03T10:00:00+00:00",
    "machine": {"cpu_model": "test", "cores": 2, "memory_gib": 1.0, "os": "test"},
    "python": "3",
    "packages": {},
    "window": {"start": 0.0, "end": 1.0, "seconds": 1.0},
    "totals": FIGURES,
    "endpoints": [],
    "throughput_series": [],
    "cpu_seconds": {},
    "cpu_ms_per_request": {},
    "peak_rss_mb": {},
    "load_generator": {
        "processes": 1,
        "cpu_share_of_one_core": 0.0,
        "busiest_share_of_one_core": 0.0,
        "saturated": False,
    },
}


def merged(base: dict, over: dict) -> dict:
    """base with over's values, nested dictionaries merged key by key."""
    found = dict(base)
    for key, value in over.items():
        found[key] = merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return found


def step_record(**fields) -> Step:
    return Step.model_validate(merged(STEP, fields))


def run_record(**fields) -> RunRecord:
    """A RunRecord with these fields; steps and endpoints given as dictionaries get the neutral rest too."""
    if fields.get("steps"):
        fields["steps"] = [merged(STEP, s) if isinstance(s, dict) else s for s in fields["steps"]]
    if fields.get("endpoints"):
        fields["endpoints"] = [merged(ENDPOINT, e) for e in fields["endpoints"]]
    return RunRecord.model_validate(merged(RUN, fields))
