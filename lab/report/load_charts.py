"""Charts against users: throughput and latency, a line per architecture, min-max bars for repetitions."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

PERCENTILES = (("p50", ":"), ("p95", "--"), ("p99", "-"))
# From fewest to most processes, so charts read from left to right as the course tells it.
LABEL_ORDER = ("monolith", "monolith-postgres", "three_tier", "soa", "microservices")


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
    _one_user_count(axes, points)
    for label, series in points.items():
        users = [p["users"] for p in series]
        values = [p["throughput_rps"] for p in series]
        bars = _error_bars(series, "throughput_rps", lambda p: p["throughput_rps"])
        axes.errorbar(users, values, yerr=bars, marker="o", capsize=3, label=label,
                      color=f"C{LABEL_ORDER.index(label) if label in LABEL_ORDER else 9}")  # fmt: skip
    _legend_or_note(axes, points)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def latency_chart(points: dict[str, list[dict]], path: Path) -> Path:
    """p50, p95 and p99 latency against users; a colour per architecture, a dash per percentile."""
    figure, axes = _axes("Latency against users", "response time (ms, log scale; Locust's ms buckets)")
    _one_user_count(axes, points)
    for label, series in points.items():
        colour = f"C{LABEL_ORDER.index(label) if label in LABEL_ORDER else 9}"
        users = [p["users"] for p in series]
        for name, style in PERCENTILES:
            values = [p["latency_ms"][name] for p in series]
            bars = _error_bars(series, name, lambda p, name=name: p["latency_ms"][name])
            axes.errorbar(users, values, yerr=bars, linestyle=style, marker="o", capsize=3, color=colour,
                          label=f"{label} {name}")  # fmt: skip
    _legend_or_note(axes, points, fontsize="small", ncol=2)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def _one_user_count(axes, points: dict) -> None:
    users = {p["users"] for series in points.values() for p in series}
    if len(users) == 1:  # one user count measured: give the log axis a width to draw on
        axes.set_xlim(min(users) / 2, min(users) * 2)


def _legend_or_note(axes, points: dict, **legend) -> None:
    if points:
        axes.legend(**legend)
    else:  # no flat profile measured yet: say so rather than draw an empty legend
        axes.text(0.5, 0.5, "no data yet", transform=axes.transAxes, ha="center", va="center", color="grey")
