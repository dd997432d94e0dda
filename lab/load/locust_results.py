"""Reading Locust's output the trustworthy way: totals from the JSON file, throughput from count deltas."""

import csv
import json
from pathlib import Path

# Locust records response times in whole milliseconds, rounded to 10 ms above 100 ms and to
# 100 ms above 1 s: percentiles read from it carry that resolution.
RESOLUTION_NOTE = "latencies are Locust's buckets: 1 ms below 100 ms, 10 ms to 1 s, 100 ms above"


def percentile(histogram: dict[int, int], fraction: float) -> float | None:
    """The smallest bucket at or below which `fraction` of the samples fall."""
    count = sum(histogram.values())
    if count == 0:
        return None
    needed = fraction * count
    running = 0
    for bucket in sorted(histogram):
        running += histogram[bucket]
        if running >= needed:
            return float(bucket)
    return float(max(histogram))


def _summary(entries: list[dict], seconds: float) -> dict:
    histogram: dict[int, int] = {}
    for entry in entries:
        for bucket, count in entry["response_times"].items():
            histogram[int(float(bucket))] = histogram.get(int(float(bucket)), 0) + count
    requests = sum(e["num_requests"] for e in entries)
    failures = sum(e["num_failures"] for e in entries)
    total_time = sum(e["total_response_time"] for e in entries)
    return {
        "requests": requests,
        "failures": failures,
        "failure_ratio": failures / requests if requests else 0.0,
        "throughput_rps": requests / seconds if seconds > 0 else 0.0,
        "latency_ms": {
            "mean": total_time / requests if requests else None,
            "p50": percentile(histogram, 0.50),
            "p95": percentile(histogram, 0.95),
            "p99": percentile(histogram, 0.99),
            "max": max((e["max_response_time"] for e in entries), default=None),
        },
    }


def summarise(json_path: Path, seconds: float) -> dict:
    """Totals and per-endpoint figures of the measured window from Locust's --json-file output."""
    entries = json.loads(Path(json_path).read_text())
    endpoints = [
        {"method": e["method"], "name": e["name"], **_summary([e], seconds)}
        for e in sorted(entries, key=lambda e: (e["name"], e["method"]))
    ]
    return {"totals": _summary(entries, seconds), "endpoints": endpoints}


def throughput_series(history_csv: Path, since: float, until: float) -> list[dict]:
    """Requests per second over time, from differences of the cumulative Total Request Count.

    The history's own Requests/s column is a lagging 10-second average, so it is not used.
    """
    if not Path(history_csv).exists():
        return []
    points = []
    with open(history_csv, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated" and since <= int(row["Timestamp"]) <= until:
                points.append((int(row["Timestamp"]), int(row["Total Request Count"]), int(row["User Count"])))
    series = []
    for (t0, n0, _), (t1, n1, users) in zip(points, points[1:], strict=False):
        if t1 > t0 and n1 >= n0:
            series.append({"t": t1, "users": users, "rps": (n1 - n0) / (t1 - t0)})
    return series


def latest_progress(history_csv: Path) -> tuple[int, int, int] | None:
    """(timestamp, users, total requests) of the newest aggregated history row, for progress display."""
    try:
        with open(history_csv, newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["Name"] == "Aggregated"]
    except (OSError, KeyError):
        return None
    if not rows:
        return None
    last = rows[-1]
    return int(last["Timestamp"]), int(last["User Count"]), int(last["Total Request Count"])
