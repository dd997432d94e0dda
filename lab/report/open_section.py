"""The open loop in the report: latency against offered load beside the closed loop, and the overload runs."""

from pathlib import Path

from lab.i18n import N_, _
from lab.load.open_loop_phases import shown
from lab.load.overload_verdicts import verdicts
from lab.records import RunRecord
from lab.records.open_loop import OpenLoopRecord, Verdict
from lab.report.open_charts import latency_against_load, overload_seconds
from lab.report.open_comparison import closed_run, headers, rows, tails
from lab.report.page import Figure, Table
from lab.report.results import Results
from lab.report.style import ordered
from lab.settings import OpenLoopSettings, variable
from loadtests.profiles import SATURATION

# The section's texts, marked for the catalog and said with _() where shown.
OPEN_TITLE = N_("Offered load: the open loop")
OPEN_INTRO = N_(
    """`make bench-open ARCH=<arch>` drives the architecture with k6 at fixed arrival rates, from light to \
1.5× the knee of its closed-loop saturation run. Requests leave on schedule whatever the latency, and latency is \
counted from when each request was meant to leave: the closed loop (Locust) slows down with a slow server and \
never sends the requests it would have sent, so its percentiles past the knee are too kind (coordinated \
omission). Dropped iterations were never sent (k6 ran out of virtual users); late ones left over 10 ms late."""
)
OVERLOAD_TITLE = N_("Overload: a spike at 3× capacity")
OVERLOAD_INTRO = N_(
    """`make overload ARCH=<arch>` (or `make overload-all`): 0.5× capacity, a spike at 3× for 30 s, \
then 0.5× again, every architecture started with the same admission setting (ADMISSION_QUEUE). The targets: \
goodput in the spike at least 90 % of capacity; the excess refused fast (503 with Retry-After in the error \
shape, p99 under 100 ms); the pre-spike p99 back within 5 s of the spike's end; the data checks pass."""
)


def open_figures(staircases: dict[str, OpenLoopRecord], results: Results, out: Path) -> list[Figure]:
    if not staircases:
        return []
    saturation: dict[str, RunRecord] = {
        label: run for label in staircases if (run := results.run(label, SATURATION)) and run.steps
    }
    return [
        Figure(
            latency_against_load(staircases, saturation, out / "open_latency_vs_load.png"),
            _("Latency against offered load (open loop, from the intended send time) beside the closed loop's steps"),
            _("Past the knee the open loop's tail climbs steeply: the requests a closed loop never sent are counted."),
        )
    ]


def tail_table(staircases: dict[str, OpenLoopRecord], results_dir: Path) -> Table:
    """The open loop's p99 at 0.8x and 1.2x the knee against the closed loop's at the same throughput."""
    found = [
        t for label in ordered(staircases) for t in tails(staircases[label], closed_run(results_dir, staircases[label]))
    ]
    return Table(_("The tail the closed loop did not see: p99 below and past the knee"), headers(), rows(found))


def open_table(staircases: dict[str, OpenLoopRecord]) -> Table:
    rows = [
        [
            label,
            shown(p.name),
            p.offered_rps,
            p.achieved_rps,
            p.goodput_rps,
            p.open_ms.p50,
            p.open_ms.p95,
            p.open_ms.p99,
            p.served_ms.p99,
            p.dropped,
            p.late,
            p.refused,
            p.errors,
        ]
        for label in ordered(staircases)
        for p in staircases[label].phases
    ]
    headers = [
        _("architecture"),
        _("step"),
        _("offered req/s"),
        _("sent req/s"),
        _("goodput/s"),
        _("p50 ms"),
        _("p95 ms"),
        _("p99 ms"),
        _("k6's own p99 ms"),
        _("dropped"),
        _("late"),
        _("refused"),
        _("errors"),
    ]
    return Table(_("Each step of the open loop"), headers, rows)


def overload_figures(runs: dict[str, OpenLoopRecord], out: Path) -> list[Figure]:
    return [
        Figure(
            overload_seconds(runs[label], out / f"overload_{label}.png"),
            _("{label} through the spike, second by second").format(label=label),
            _(
                "Bars: answers by outcome (green correct, orange refused, red errors); the line: p99; "
                "shaded: the spike."
            ),
        )
        for label in ordered(runs)
    ]


def overload_table(runs: dict[str, OpenLoopRecord]) -> Table:
    rows: list[list[str | float | int | None]] = [
        [label, _(verdict.name), verdict.target, verdict.measured, _("met") if verdict.passed else _("NOT MET")]
        for label in ordered(runs)
        for verdict in judged(runs[label])
    ]
    headers = [_("architecture"), _("target"), _("asks"), _("measured"), ""]
    return Table(_("The overload targets, per architecture"), headers, rows)


def judged(run: OpenLoopRecord) -> list[Verdict]:
    """The run's verdicts in the language spoken now: judged again from its figures, with the targets it ran with
    (the record keeps them in the language of the run); as recorded where the run has no spike to judge."""
    if len(run.phases) != 3 or not run.verdicts:
        return run.verdicts
    targets = {
        keyword: float(run.settings[name])
        for keyword, field in TARGETS.items()
        if (name := variable(OpenLoopSettings, field)) in run.settings
    }
    return verdicts(run.phases, run.seconds, run.capacity_rps, run.verdicts[-1].passed, **targets)


# verdicts()'s keyword -> the setting the run recorded it as.
TARGETS = {
    "goodput_share": "overload_goodput_share",
    "refusal_p99_ms": "overload_refusal_p99_ms",
    "recovery_limit_s": "overload_recovery_s",
    "tolerance": "overload_recovery_tolerance",
}
