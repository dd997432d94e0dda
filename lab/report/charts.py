"""Report charts about load: the hockey stick, the model against measurement, scaling up against out."""

from pathlib import Path

from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter, NullLocator

from lab.i18n import N_, _, number
from lab.report.capacity_charts import cores_needed, cpu_breakdown, floor_multiples
from lab.report.style import compact, label_colour, language_ticks, no_data, ordered, plain, plain_log_axes, plt, save
from lab.report.style import number as finite

__all__ = [
    "latency_vs_throughput",
    "model_vs_measured",
    "scaling",
    "cores_needed",
    "cpu_breakdown",
    "floor_multiples",
]

SCALING_PANELS = (("throughput_rps", N_("throughput (requests/s)")), ("p95_ms", N_("p95 response time (ms)")))
SCALING_MODES = (
    ("up", "-", "o", N_("up: workers in one instance")),
    ("out", "--", "s", N_("out: instances of one worker")),
)


def _model_key() -> list[Line2D]:
    return [
        Line2D([], [], color="black", label=_("model of this machine")),
        Line2D([], [], color="black", linestyle="--", label=_("model calibrated on users-100 only")),
        Line2D([], [], color="black", marker="o", linestyle="none", label=_("measured: profile run")),
        Line2D([], [], color="black", marker="x", linestyle="none", label=_("measured: saturation step")),
    ]


def _rows(items) -> list[dict]:
    return [item for item in items or [] if isinstance(item, dict)]


def _spread_points(items, x_key: str, y_key: str, log_y: bool, log_x: bool = True):
    """x, y and (below, above) error lengths for the points with both numbers; zero where no spread is given."""
    xs, ys, below, above = [], [], [], []
    for item in _rows(items):
        x, y = finite(item.get(x_key), positive=log_x), finite(item.get(y_key), positive=log_y)
        if x is None or y is None:
            continue
        spread = (item.get("spread") or {}).get(y_key) or (None, None)
        low, high = (finite(bound) for bound in (list(spread) + [None, None])[:2])
        xs.append(x)
        ys.append(y)
        below.append(max(0.0, y - low) if low is not None else 0.0)
        above.append(max(0.0, high - y) if high is not None else 0.0)
    return xs, ys, [below, above]


def latency_vs_throughput(
    curves: dict[str, list[dict]], slo_ms: float, path: Path, limit_ms: float | None = None
) -> Path:
    """The hockey stick: p95 (solid) and mean (dotted) response time against throughput, users on each point.

    slo_ms: the service level the plans keep; limit_ms: the p95 past which the saturation run stops.
    """
    figure, axes = plt.subplots(figsize=(8.5, 5.5), dpi=110)
    axes.set_title(_("Response time against throughput as users are added"))
    axes.set_xlabel(_("throughput (requests/s)"))
    axes.set_ylabel(_("response time (ms, log scale)"))
    drawn = False
    for label in ordered(curves or {}):
        steps, colour = _rows(curves[label]), label_colour(label)
        for name, style, said in (("p95", "-", "p95"), ("mean", ":", _("mean"))):
            latencies = [{**step, "ms": (step.get("latency_ms") or {}).get(name)} for step in steps]
            xs, ys, _unused = _spread_points(latencies, "throughput_rps", "ms", log_y=True, log_x=False)
            if not xs:
                continue
            marker = "o" if name == "p95" else None
            axes.plot(xs, ys, linestyle=style, marker=marker, markersize=4, color=colour, label=f"{label} {said}")
            drawn = True
        for step in steps:
            x, users = finite(step.get("throughput_rps")), finite(step.get("users"))
            y = finite((step.get("latency_ms") or {}).get("p95"), positive=True)
            if None not in (x, y, users):
                axes.annotate(
                    number(users), (x, y), textcoords="offset points", xytext=(4, 5), fontsize=9, color=colour
                )
    if not drawn:
        no_data(axes)
        return save(figure, path)
    plain_log_axes(axes, x=False)
    lines = (
        (slo_ms, "--", _("service level: mean under {ms} ms")),
        (limit_ms, ":", _("saturation run stops: p95 past {ms} ms")),
    )
    for value, style, words in lines:
        line = finite(value, positive=True)
        if line is not None:
            axes.axhline(line, color="black", linestyle=style, linewidth=1)
            said = " " + words.format(ms=number(line))
            axes.text(0.01, line, said, transform=axes.get_yaxis_transform(), va="bottom", fontsize=9)
    axes.set_xlim(left=0)
    language_ticks(axes.xaxis)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize="small", ncol=2)
    return save(figure, path)


def model_vs_measured(panels: dict[str, dict], path: Path) -> Path:
    """Small multiples, a column per label: modelled and measured throughput and response time against users."""
    labels = [label for label in ordered(panels or {}) if isinstance(panels[label], dict)]
    if not labels:
        figure, axes = plt.subplots(figsize=(8, 5), dpi=110)
        axes.set_title(_("Model against measurement"))
        no_data(axes)
        return save(figure, path)
    figure, grid = plt.subplots(
        2, len(labels), figsize=(max(6.0, 3.4 * len(labels)), 7), dpi=110, squeeze=False, layout="constrained"
    )
    figure.suptitle(_("Model against measurement on this machine"))
    rows = (("throughput_rps", _("throughput (requests/s)")), ("response_ms", _("mean response time (ms)")))
    for column, label in enumerate(labels):
        panel, colour = panels[label], label_colour(label)
        for row, (key, ylabel) in enumerate(rows):
            axes, drawn = grid[row][column], False
            for name, style in (("model", "-"), ("validation_model", "--")):
                xs, ys, _unused = _spread_points(panel.get(name), "users", key, log_y=True)
                if xs:
                    axes.plot(xs, ys, linestyle=style, color=colour)
                    drawn = True
            for kind, marker, size in (("profile", "o", 6), ("step", "x", 4)):
                measured = [p for p in _rows(panel.get("measured")) if (p.get("kind") == "step") == (kind == "step")]
                xs, ys, error = _spread_points(measured, "users", key, log_y=True)
                if xs:
                    axes.errorbar(xs, ys, yerr=error, fmt=marker, markersize=size, color=colour, capsize=2)
                    drawn = True
            plain_log_axes(axes)
            axes.xaxis.set_major_formatter(FuncFormatter(compact))
            axes.xaxis.set_minor_formatter(NullFormatter())
            axes.set_xlim(100, 1_000_000)
            axes.grid(True, which="major", alpha=0.3)
            axes.set_title(label if row == 0 else "")
            axes.set_ylabel(ylabel if column == 0 else "")
            axes.set_xlabel(_("concurrent users") if row == 1 else "")
            if not drawn:
                no_data(axes)
    figure.legend(handles=_model_key(), loc="outside lower center", ncol=2 if len(labels) < 3 else 4, fontsize="small")
    return save(figure, path)


def scaling(label: str, points: dict[str, list[dict]], machine_cores: int, path: Path) -> Path:
    """Scaling one architecture up (workers in one instance) against out (instances of one worker)."""
    figure, panels = plt.subplots(1, 2, figsize=(10, 4.5), dpi=110)
    figure.suptitle(_("{label}: scaling up against scaling out").format(label=label))
    points, cores = points or {}, finite(machine_cores, positive=True)
    counts = {finite(point.get("n"), positive=True) for mode in ("up", "out") for point in _rows(points.get(mode))}
    ticks = sorted((counts | {cores}) - {None})
    for axes, (key, ylabel) in zip(panels, SCALING_PANELS, strict=True):
        drawn = False
        for mode, style, marker, legend in SCALING_MODES:
            xs, ys, error = _spread_points(points.get(mode), "n", key, log_y=False)
            if xs:
                axes.errorbar(
                    xs,
                    ys,
                    yerr=error,
                    linestyle=style,
                    marker=marker,
                    color=label_colour(label),
                    capsize=3,
                    label=_(legend),
                )
                drawn = True
        axes.set_ylabel(_(ylabel))
        if not drawn:
            no_data(axes)
            continue
        if cores is not None:
            axes.axvline(cores, color="grey", linestyle=":", label=_("cores on this machine"))
        # Powers of two evenly spaced: doubling the workers or instances is one step to the right.
        axes.set_xscale("log", base=2)
        axes.xaxis.set_major_locator(FixedLocator(ticks))
        axes.xaxis.set_major_formatter(FuncFormatter(plain))
        axes.xaxis.set_minor_locator(NullLocator())
        axes.set_xlabel(_("workers (up) or instances (out)"))
        axes.set_ylim(bottom=0)
        language_ticks(axes.yaxis)
        axes.grid(True, alpha=0.3)
        axes.legend(fontsize="small")
    return save(figure, path)
