"""The stale reads the shoppers saw (loadtests/staleness.py), summed over Locust's processes for run.json."""

import json
from collections import defaultdict
from pathlib import Path


def _files(folder: Path) -> list[dict]:
    found = []
    for path in sorted(folder.glob("staleness-*.json")):
        try:
            found.append(json.loads(path.read_text()))
        except (OSError, ValueError):
            continue  # a process that wrote nothing readable saw nothing to count
    return found


def per_second(folder: Path) -> dict[int, dict[str, list[int]]]:
    """second -> endpoint -> [reads checked, went back up, own write not seen], over every Locust process."""
    summed: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for written in _files(folder):
        for second, endpoints in written["seconds"].items():
            for endpoint, counts in endpoints.items():
                row = summed[int(second)][endpoint]
                summed[int(second)][endpoint] = [a + b for a, b in zip(row, counts, strict=True)]
    return summed


def summarise(folder: Path, start: float = float("-inf"), end: float = float("inf")) -> dict:
    """Reads checked and stale ones in [start, end], in all and per endpoint, and per 1,000 reads."""
    by_endpoint: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    series = []
    for second, endpoints in sorted(per_second(folder).items()):
        if not start <= second + 0.5 <= end:
            continue
        for endpoint, counts in endpoints.items():
            by_endpoint[endpoint] = [a + b for a, b in zip(by_endpoint[endpoint], counts, strict=True)]
        series.append([second, sum(c[0] for c in endpoints.values()), sum(c[1] + c[2] for c in endpoints.values())])
    reads = sum(c[0] for c in by_endpoint.values())
    stale = sum(c[1] + c[2] for c in by_endpoint.values())
    return {
        "reads_checked": reads,
        "stale": stale,
        "stale_per_1000_reads": round(1000 * stale / reads, 3) if reads else None,
        "by_endpoint": {
            e: {"reads": c[0], "went_back_up": c[1], "own_write_not_seen": c[2]} for e, c in sorted(by_endpoint.items())
        },
        "series": series,
    }
