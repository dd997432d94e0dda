"""Charts against users: throughput and latency, a line per architecture, min-max bars for repetitions."""

from pathlib import Path

from lab.i18n import _
from lab.report.style import label_colour, nice_log_limits, no_data, plain_log_axes, plt, save

PERCENTILES = (("p50", ":"), ("p95", "--"), ("p99", "-"))


def _axes(ylabel: str):
    # Log-log: a system that scales linearly draws a straight 45-degree line; saturation bends it.
    figure, axes = plt.subplots(figsize=(8, 5), dpi=110)
    axes.set_xlabel(_("concurrent users (log scale)"))
    axes.set_ylabel(ylabel)
    plain_log_axes(axes)
    axes.grid(True, which="both", alpha=0.3)
    return figure, axes


def _error_bars(series: list[dict], key, value) -> list[list[float]] | None:
    # Repetitions draw min-max bars around the median; a single run draws none.
    if not any(point.get("spread", {}).get(key) for point in series):
        return None
    bounds = [point.get("spread", {}).get(key) or [value(point)] * 2 for point in series]
    return [
        [value(p) - low for p, (low, _) in zip(series, bounds, strict=True)],
        [high - value(p) for p, (_, high) in zip(series, bounds, strict=True)],
    ]


def throughput_chart(points: dict[str, list[dict]], path: Path) -> Path:
    """Measured requests per second against users; min-max bars where a profile was repeated."""
    figure, axes = _axes(_("throughput (requests/s, log scale)"))
    for label, series in points.items():
        users = [p["users"] for p in series]
        values = [p["throughput_rps"] for p in series]
        bars = _error_bars(series, "throughput_rps", lambda p: p["throughput_rps"])
        axes.errorbar(users, values, yerr=bars, marker="o", capsize=3, label=label, color=label_colour(label))
    _limits(axes, points, [lambda p: p["throughput_rps"]])
    _legend_or_note(axes, points)
    return save(figure, path)


def latency_chart(points: dict[str, list[dict]], path: Path) -> Path:
    """p50, p95 and p99 latency against users; a colour per architecture, a dash per percentile."""
    figure, axes = _axes(_("response time (ms, log scale; Locust's ms buckets)"))
    for label, series in points.items():
        users = [p["users"] for p in series]
        for name, style in PERCENTILES:
            values = [p["latency_ms"][name] for p in series]
            bars = _error_bars(series, name, lambda p, name=name: p["latency_ms"][name])
            axes.errorbar(
                users,
                values,
                yerr=bars,
                linestyle=style,
                marker="o",
                capsize=3,
                color=label_colour(label),
                label=f"{label} {name}",
            )
    _limits(axes, points, [lambda p, name=name: p["latency_ms"][name] for name, _ in PERCENTILES])
    _legend_or_note(axes, points, fontsize="small", ncol=2)
    return save(figure, path)


def _limits(axes, points: dict[str, list[dict]], values) -> None:
    # Each axis ends on a labelled tick beyond the outermost point, so every point can be read off.
    every = [point for series in points.values() for point in series]
    nice_log_limits(axes, [point["users"] for point in every], axis="x")
    nice_log_limits(axes, [value(point) for point in every for value in values])


def _legend_or_note(axes, points: dict, **legend) -> None:
    if points:
        axes.legend(**legend)
    else:  # no flat profile measured yet: say so rather than draw an empty legend
        no_data(axes)
