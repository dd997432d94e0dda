"""A student's results for the worksheet's tests: run.json files built with the records' models, with round
numbers whose answers are worked out by hand in each test (tests/run_records.py gives the neutral rest)."""

from pathlib import Path

from lab.records import write_run
from tests.run_records import run_record
from tests.unit.test_cap_records import keep

# (label, profile): the fields that matter. The answers, by hand: see RIGHT below.
RUNS = {
    ("monolith", "users-100"): {
        "totals": {"throughput_rps": 40.0, "latency_ms": {"mean": 500.0}},
        "cpu_ms_per_request": {"monolith": 2.0, "locust": 1.0},
    },
    ("three_tier", "users-100"): {
        "totals": {"throughput_rps": 40.0, "latency_ms": {"mean": 20.0}},
        "cpu_ms_per_request": {"presentation": 1.5, "application": 2.0, "postgres": 1.5, "locust": 1.0},
    },
    ("three_tier", "users-1000"): {"totals": {"throughput_rps": 300.0}},
    ("soa", "users-100"): {"cpu_ms_per_request": {"bus": 4.0, "book": 3.0, "postgres": 1.0, "locust": 2.0}},
    ("soa", "saturation"): {
        "steps": [{"users": 500, "throughput_rps": 180.0}, {"users": 1000, "throughput_rps": 200.0}],
        "load_generator": {"saturated": True, "busiest_share_of_one_core": 0.95},
    },
    ("microservices", "users-1000"): {
        "cpu_ms_per_request": {"gateway": 1.0, "catalog": 2.0, "orders": 0.5, "postgres": 3.0, "locust": 1.0},
    },
}

RIGHT = {
    "2.think_time": 2.0,  # 100 / 40 − 0.5 s
    "3.extra_cpu": "3,0",  # (1.5 + 2 + 1.5) − 2 ms, with a decimal comma
    "4.growth": 7.5,  # 300 / 40
    "4.cores": 1650,  # 330,000 × 5 ms
    "5.predicted": 250,  # 2 cores / 8 ms
    "5.knee": 200,
    "7.bus_share": "50 %",  # 4 of 8 ms
    "8.busiest": "Catalog",
    "8.busiest_share": 30.77,  # 2 of 6.5 ms
    "2.why_not": "they think between requests",
}


def write_results(results: Path, with_cap: bool = True) -> int | None:
    """Every run above under results/, and an AP CAP run; the CAP run's stale reads while cut off."""
    for (label, profile), fields in RUNS.items():
        folder = results / label / profile
        folder.mkdir(parents=True)
        users = 1000 if profile == "users-1000" else 100
        named = {"architecture": label, "label": label, "profile": {"name": profile, "users": users}}
        write_run(folder / "run.json", run_record(**named, **fields))
    if not with_cap:
        return None
    return keep(results, "AP", (10, 3)).stale_reads.by_site["B"]["partition"][1]
