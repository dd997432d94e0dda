"""Scaling charts from whatever results exist: throughput and latency against users, a line per architecture."""

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from lab.paths import RESULTS  # noqa: E402
from loadtests.profiles import FLAT_PROFILES  # noqa: E402

PERCENTILES = (("p50", ":"), ("p95", "--"), ("p99", "-"))
# From fewest to most processes, so charts read from left to right as the course tells it.
LABEL_ORDER = ("monolith", "monolith-postgres", "three_tier", "soa", "microservices")


def load_runs(results: Path = RESULTS, profiles=FLAT_PROFILES) -> dict[str, list[dict]]:
    """run.json of the given profiles, grouped by label (architecture and database), ordered by users."""
    runs: dict[str, list[dict]] = {}
    for path in sorted(results.glob("*/*/run.json")):
        run = json.loads(path.read_text())
        if run["profile"]["name"] in profiles:
            runs.setdefault(run["label"], []).append(run)
    for series in runs.values():
        series.sort(key=lambda run: run["profile"]["users"])
    rank = {label: index for index, label in enumerate(LABEL_ORDER)}
    return dict(sorted(runs.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


def _axes(title: str, ylabel: str):
    # Log-log: a system that scales linearly draws a straight 45-degree line; saturation bends it.
    figure, axes = plt.subplots(figsize=(8, 5), dpi=110)
    axes.set_title(title)
    axes.set_xlabel("concurrent users (log scale)")
    axes.set_ylabel(ylabel)
    axes.set_xscale("log")
    axes.set_yscale("log")
    plain = FuncFormatter(lambda value, _position: f"{value:g}")
    # Minor ticks at 2, 3 and 5 only: a narrow latency range may hold no power of ten to label.
    twos_and_fives = FuncFormatter(lambda value, _position: f"{value:g}" if f"{value:g}"[0] in "235" else "")
    axes.xaxis.set_major_formatter(plain)
    axes.yaxis.set_major_formatter(plain)
    axes.yaxis.set_minor_formatter(twos_and_fives)
    axes.grid(True, which="both", alpha=0.3)
    return figure, axes


def points_of(runs: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Chart points (users, throughput, latency) of flat-profile runs."""
    return {
        label: [
            {
                "users": r["profile"]["users"],
                "throughput_rps": r["totals"]["throughput_rps"],
                "latency_ms": r["totals"]["latency_ms"],
            }
            for r in series
        ]  # fmt: skip
        for label, series in runs.items()
    }


def _error_bars(series: list[dict], key, value) -> list[list[float]] | None:
    # Repetitions draw min-max bars around the median; a single run draws none.
    if not any(point.get("spread", {}).get(key) for point in series):
        return None
    bounds = [point.get("spread", {}).get(key) or [value(point)] * 2 for point in series]
    return [[value(p) - low for p, (low, _) in zip(series, bounds, strict=True)],
            [high - value(p) for p, (_, high) in zip(series, bounds, strict=True)]]  # fmt: skip


def throughput_chart(points: dict[str, list[dict]], path: Path) -> Path:
    """Measured requests per second against users; min-max bars where a profile was repeated."""
    figure, axes = _axes("Throughput against users", "throughput (requests/s, log scale)")
    for label, series in points.items():
        users = [p["users"] for p in series]
        values = [p["throughput_rps"] for p in series]
        bars = _error_bars(series, "throughput_rps", lambda p: p["throughput_rps"])
        axes.errorbar(users, values, yerr=bars, marker="o", capsize=3, label=label,
                      color=f"C{LABEL_ORDER.index(label) if label in LABEL_ORDER else 9}")  # fmt: skip
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def latency_chart(points: dict[str, list[dict]], path: Path) -> Path:
    """p50, p95 and p99 latency against users; a colour per architecture, a dash per percentile."""
    figure, axes = _axes("Latency against users", "response time (ms, log scale; Locust's ms buckets)")
    for label, series in points.items():
        colour = f"C{LABEL_ORDER.index(label) if label in LABEL_ORDER else 9}"
        users = [p["users"] for p in series]
        for name, style in PERCENTILES:
            values = [p["latency_ms"][name] for p in series]
            bars = _error_bars(series, name, lambda p, name=name: p["latency_ms"][name])
            axes.errorbar(users, values, yerr=bars, linestyle=style, marker="o", capsize=3, color=colour,
                          label=f"{label} {name}")  # fmt: skip
    axes.legend(fontsize="small", ncol=2)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def cpu_chart(runs: dict[str, list[dict]], path: Path) -> Path:
    """CPU milliseconds per request, stacked by process (bus, tiers, providers, database, Locust), per run."""
    bars = [(f"{label}\n{run['profile']['name']}", run) for label, series in runs.items() for run in series]
    components = sorted({name for _, run in bars for name in run["cpu_ms_per_request"]}, key=_component_order)
    palette = plt.get_cmap("tab20").colors
    figure, axes = plt.subplots(figsize=(max(8, 1.4 * len(bars)), 5.5), dpi=110)
    bottoms = [0.0] * len(bars)
    for index, component in enumerate(components):
        heights = [run["cpu_ms_per_request"].get(component) or 0.0 for _, run in bars]
        hatch = "//" if component == "locust" else None
        color = "white" if component == "locust" else palette[index % len(palette)]
        axes.bar([name for name, _ in bars], heights, bottom=bottoms, label=component, color=color,
                 edgecolor="black", linewidth=0.3, hatch=hatch)  # fmt: skip
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_title("Where the CPU goes: CPU time per edge request, by process")
    axes.set_ylabel("CPU milliseconds per request")
    axes.legend(fontsize="small", ncol=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axes.tick_params(axis="x", labelsize="small")
    axes.grid(True, axis="y", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def _component_order(name: str) -> tuple[int, str]:
    # Edge-side processes first, the database and the load generator last.
    return ({"postgres": 1, "locust": 2}.get(name, 0), name)


def draw_all(results: Path = RESULTS, profiles=FLAT_PROFILES, out_dir: Path | None = None) -> list[Path]:
    """Draw every chart into out_dir (default: the results folder); nothing when no results exist."""
    runs = load_runs(results, profiles)
    if not runs:
        print(f"no results under {results} for profiles {', '.join(profiles)}: run make bench-<arch> first")
        return []
    out_dir = out_dir or results
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        throughput_chart(points_of(runs), out_dir / "throughput_vs_users.png"),
        latency_chart(points_of(runs), out_dir / "latency_vs_users.png"),
        cpu_chart(runs, out_dir / "cpu_per_request.png"),
    ]
