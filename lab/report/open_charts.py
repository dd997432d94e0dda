"""Charts of the open loop: latency against offered load beside the closed loop's, and each overload run's seconds."""

from pathlib import Path

import numpy

from lab.i18n import _
from lab.load.open_loop_phases import shown
from lab.load.overload_verdicts import plain_number
from lab.records import RunRecord
from lab.records.open_loop import OpenLoopRecord
from lab.report.style import label_colour, no_data, ordered, plt, save

PERCENTILES = (("p50", ":"), ("p95", "--"), ("p99", "-"))


def latency_against_load(staircases: dict[str, OpenLoopRecord], saturation: dict[str, RunRecord], path: Path) -> Path:
    """Left: the open loop's p50/p95/p99 (from the intended send time) against offered req/s. Right: the closed
    loop's saturation steps, p50/p95/p99 against the throughput served: what coordinated omission hides."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5), sharey=True)
    for label in ordered(staircases):
        phases = staircases[label].phases
        for name, style in PERCENTILES:
            points = [(p.offered_rps, getattr(p.open_ms, name)) for p in phases if getattr(p.open_ms, name)]
            if points:
                left.plot(
                    *zip(*points, strict=True), style, marker="o", color=label_colour(label), label=f"{label} {name}"
                )
    for label in ordered(saturation):
        steps = saturation[label].steps or []
        for name, style in PERCENTILES:
            points = [(s.throughput_rps, getattr(s.latency_ms, name)) for s in steps if getattr(s.latency_ms, name)]
            if points:
                right.plot(
                    *zip(*points, strict=True), style, marker="x", color=label_colour(label), label=f"{label} {name}"
                )
    for axes, title, x in (
        (left, _("open loop (k6): fixed arrival rates"), _("offered load (req/s)")),
        (right, _("closed loop (Locust): saturation steps"), _("throughput served (req/s)")),
    ):
        axes.set_title(title)
        axes.set_xlabel(x)
        if axes.lines:
            axes.set_yscale("log")
            axes.legend(fontsize=7, ncol=2)
        else:
            no_data(axes)
    left.set_ylabel(_("latency (ms)"))
    return save(figure, path)


def overload_seconds(record: OpenLoopRecord, path: Path) -> Path:
    """One overload run second by second: goodput, refusals and errors (stacked), p99 on its own axis."""
    figure, axes = plt.subplots(figsize=(10, 3.6))
    seconds = record.seconds
    t = [s.t for s in seconds]
    good, refused = [s.good for s in seconds], [s.refused for s in seconds]
    axes.bar(t, good, width=1.0, color="tab:green", label=_("goodput (correct answers)"))
    axes.bar(t, refused, width=1.0, bottom=good, color="tab:orange", label=_("refused (503 + Retry-After)"))
    axes.bar(
        t,
        [s.errors for s in seconds],
        width=1.0,
        bottom=[g + r for g, r in zip(good, refused, strict=True)],
        color="tab:red",
        label=_("errors and timeouts"),
    )
    axes.axhline(record.capacity_rps, color="grey", linestyle=":", label=_("capacity (closed loop's knee)"))
    before, spike = record.phases[0].seconds, record.phases[1].seconds
    axes.axvspan(before, before + spike, color="grey", alpha=0.12)
    axes.set_xlabel(_("second (by intended send time)"))
    axes.set_ylabel(_("answers per second"))
    latency = axes.twinx()
    latency.plot(
        t, [numpy.nan if s.p99_ms is None else s.p99_ms for s in seconds], color="black", linewidth=1, label="p99 (ms)"
    )
    latency.set_yscale("log")
    latency.set_ylabel(_("p99 from intended send (ms)"))
    axes.set_title(
        _("{label}: {phase} for {seconds} s (ADMISSION_QUEUE={queue})").format(
            label=record.label,
            phase=shown(record.phases[1].name),
            seconds=plain_number(spike),
            queue=record.admission_queue,
        )
    )
    handles = axes.get_legend_handles_labels()[0] + latency.get_legend_handles_labels()[0]
    axes.legend(handles=handles, fontsize=7, loc="upper left")
    return save(figure, path)
