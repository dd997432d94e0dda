"""Fault experiments in the report: runs read from results/chaos, an availability chart per architecture, a table."""

from pathlib import Path

from lab.chaos.availability import ACTIVITIES, activity_name, series_by_activity
from lab.i18n import N_, _, number, percent
from lab.records import FaultRecord
from lab.report.page import Figure, Table
from lab.report.results import records_with_timelines
from lab.report.style import no_data, ordered, plt, save

ACTIVITY_COLOURS = dict(zip([*ACTIVITIES, "other"], ["C0", "C2", "C4", "C3", "C1", "C7"], strict=True))
# The section's texts, marked for the catalog and said with _() where shown.
FAULTS = N_(
    """Each row is one fresh start of an architecture under 100 users (the users-100 shoppers), with one \
component stopped for a while and then started again (`make chaos-<arch>`, `make chaos-all`). Requests are \
counted by the second in which they were sent; a request succeeds when its answer has the right status and \
content, so a 503 is a failure even though the server said it honestly.

After each run the data check reads every bounded context's own database: every order that was answered 201 \
must be confirmed with a live shipment, and every book's stock must equal its seeded stock minus what confirmed \
orders bought, so no failed order kept stock. Architectures with their own consistency check (the \
microservices' saga) run it too."""
)
HOW_TO_READ = N_(
    """One panel per component stopped, the time axis starting when it was asked to stop. The light \
band is its graceful stop, while it finished the requests it had; the grey band is the time it was down, until \
it answered its health check again; each line is the share of one shopper activity's requests that succeeded in \
each second. A line that stays at 100 % inside the band is a part of the store that kept working."""
)


# A fault run: its record, and Locust's timeline of it (loadtests/timeline.py), second by second.
FaultRun = tuple[FaultRecord, dict]


def load_faults(results: Path) -> dict[str, list[FaultRun]]:
    """Every fault run under results/chaos, with its timeline, by architecture label, in the order they ran."""
    found: dict[str, list[FaultRun]] = {}
    for run, timeline in records_with_timelines(results / "chaos", FaultRecord):
        found.setdefault(run.architecture, []).append((run, timeline))
    return {label: sorted(found[label], key=lambda pair: pair[0].started_at) for label in ordered(found)}


def _title(run: FaultRecord) -> str:
    down, recovery = run.succeeded_while_down, run.recovery_s
    shares = _("no requests") if down is None else _("{share} succeeded while down").format(share=percent(down))
    recovered = (
        _("not recovered by the end")
        if recovery is None
        else _("recovered {seconds} s after the restart").format(seconds=number(recovery))
    )
    data = _("data check passed") if run.data_check.passed else _("DATA CHECK FAILED")
    return _("stop {part}: {shares}, {recovered}, {data}").format(
        part=run.part, shares=shares, recovered=recovered, data=data
    )


def availability_chart(label: str, runs: list[FaultRun], path: Path) -> Path:
    """Share of requests succeeding per second and activity, one panel per component stopped."""
    figure, panels = plt.subplots(
        max(1, len(runs)),
        1,
        figsize=(8.5, 1.2 + 1.9 * max(1, len(runs))),
        dpi=110,
        sharex=True,
        squeeze=False,
        layout="constrained",
    )
    figure.suptitle(_("{label}: share of requests that succeeded, second by second").format(label=label))
    if not runs:
        no_data(panels[0][0])
    for axes, (run, timeline) in zip(panels[:, 0], runs, strict=False):
        phases = run.phases
        origin = phases.stopped_at
        axes.axvspan(0, phases.down_at - origin, color="#efefef", label=_("stopping (requests in flight finish)"))
        axes.axvspan(phases.down_at - origin, phases.ready_at - origin, color="#d9d9d9", label=_("component down"))
        axes.axvline(phases.restarted_at - origin, color="#7f7f7f", linestyle=":", linewidth=1)
        for activity, points in series_by_activity(timeline["seconds"], origin).items():
            xs, ys = _with_gaps(points)
            axes.plot(
                xs,
                ys,
                color=ACTIVITY_COLOURS[activity],
                label=activity_name(activity),
                linewidth=1.4,
                marker=".",
                markersize=3,
            )
        axes.set_ylim(-5, 105)
        axes.set_ylabel(_("% ok"))
        axes.set_title(_title(run), fontsize=9, loc="left")
    panels[-1][0].set_xlabel(_("seconds since the component was stopped (dotted: started again)"))
    handles, labels = panels[0][0].get_legend_handles_labels()
    if handles:
        figure.legend(handles, labels, loc="outside lower center", ncol=len(labels), fontsize=8)
    return save(figure, path)


def _with_gaps(points: list[tuple[int, float]]) -> tuple[list[float], list[float]]:
    """Seconds at their middle, in percent; a second without requests breaks the line instead of bridging it."""
    share_at = dict(points)
    seconds = range(points[0][0], points[-1][0] + 1)
    return [s + 0.5 for s in seconds], [100 * share_at[s] if s in share_at else float("nan") for s in seconds]


def figures(faults: dict[str, list[FaultRun]], out: Path) -> list[Figure]:
    """One availability chart per architecture that has fault runs."""
    return [
        Figure(
            availability_chart(label, runs, out / f"faults_{label}.png"),
            _("{label}: which parts of the store kept working while a component was down").format(label=label),
            _(HOW_TO_READ),
        )
        for label, runs in faults.items()
    ]


def _percent(share: float | None) -> str | None:
    return None if share is None else percent(share)


def table(faults: dict[str, list[FaultRun]]) -> Table:
    """One row per fault: what was stopped, what still succeeded, how fast it recovered, the data check."""
    rows = []
    for label, runs in faults.items():
        for run, _timeline in runs:
            during, check = run.while_down_by_activity, run.data_check
            rows.append(
                [
                    label,
                    run.part,
                    _percent(run.succeeded_while_down),
                    *(_percent(during.get(activity)) for activity in ACTIVITIES),
                    run.recovery_s,
                    check.orders_answered_201,
                    _("passed")
                    if check.passed
                    else _("FAILED: {problems} problem(s)").format(problems=number(check.problem_count)),
                ]
            )
    headers = [
        _("architecture"),
        _("component stopped"),
        _("ok while down"),
        *(_("{activity} ok").format(activity=activity_name(a)) for a in ACTIVITIES),
        _("recovery s"),
        _("orders 201"),
        _("data check"),
    ]
    note = _(
        "Recovery: seconds from the restart to the first of three seconds in a row in which at least 95 % of "
        "the requests succeeded, once the component was ready again."
    )
    return Table(_("Faults: what still succeeded while one component was down"), headers, rows, note)
