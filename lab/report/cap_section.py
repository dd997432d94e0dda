"""The CAP experiment in the report: one chart per architecture and mode, a table, and what they showed."""

from pathlib import Path

from lab.chaos.availability import activity_name, activity_of
from lab.i18n import N_, _, number, percent
from lab.records import CapRecord
from lab.report.page import Figure, Table
from lab.report.results import records_with_timelines
from lab.report.style import ordered, plt, save

MODES = ("CP", "AP")
SITE_COLOURS = {"A": "C0", "B": "C3"}
ACTIVITY_STYLE = {"browse": "-", "order": "--", "sign in": ":"}
INTRO = N_(
    """The course's question "is scaling out easy?", answered with the CAP theorem: while the network is \
partitioned, a system can stay consistent or stay available, not both. `make cap-<arch>` runs the \
architecture at two sites, each its own Linux network namespace with its own servers: site A holds the \
PostgreSQL primary, site B a hot standby fed by streaming replication across the link between the sites. \
Shoppers roam between the sites. After a warm-up the link is cut for 20 s (a real partition: packets are \
dropped, connections time out), then joined again. The two runs differ in one setting only, how site B \
reads what may be a little stale: CP reads the primary, so it refuses what it cannot answer consistently \
(a 503); AP reads its replica, so it keeps serving, from data that stops moving at the cut. Writes need the \
primary in both. A stale read is one a shopper can tell: stock higher than it already saw, or its own \
order not yet counted. After the heal the data check reads the primary: no order lost or doubled, stock \
adds up."""
)
HOW_TO_READ = N_(
    """Grey band: the partition. Top panels: the share of requests that succeeded each second, per \
activity, at site A and at site B. Then the stale reads shoppers noticed each second, and how far the \
replica was behind the primary (a heartbeat is written on the primary every second, so a replica cut off \
falls behind even when nobody orders)."""
)


# A CAP run: its record, and Locust's timeline of it (loadtests/timeline.py), second by second.
CapRun = tuple[CapRecord, dict]


def load_cap(results: Path) -> dict[str, dict[str, CapRun]]:
    """architecture -> mode -> run.json with its timeline, from results/cap."""
    found: dict[str, dict[str, CapRun]] = {}
    for run, timeline in records_with_timelines(results / "cap", CapRecord):
        found.setdefault(run.architecture, {})[run.mode] = (run, timeline)
    return {label: found[label] for label in ordered(found)}


def _shares(timeline: dict, site: str, activity: str, origin: float) -> tuple[list[float], list[float]]:
    """Seconds (relative to origin) and % succeeded; a second without such requests breaks the line."""
    share = {}
    for second, endpoints in timeline["seconds"].items():
        ok = failed = 0
        for key, (good, bad) in endpoints.items():
            endpoint, _at, where = key.partition(" @")
            if where == site and (activity == "all" or activity_of(endpoint) == activity):
                ok, failed = ok + good, failed + bad
        if ok + failed:
            share[int(second)] = 100 * ok / (ok + failed)
    seconds = range(min(share), max(share) + 1) if share else range(0)
    return [s + 0.5 - origin for s in seconds], [share.get(s, float("nan")) for s in seconds]


def chart(architecture: str, cap_run: CapRun, path: Path) -> Path:
    """Availability per site, stale reads and replication lag of one run, the partition shaded."""
    run, timeline = cap_run
    figure, (site_a, site_b, stale, lag) = plt.subplots(
        4, 1, figsize=(8.5, 9), dpi=110, sharex=True, layout="constrained"
    )
    origin = run.phases.partition_at
    figure.suptitle(
        _("{architecture}, {mode}: site B reads the {source}").format(
            architecture=architecture, mode=run.mode, source=_(run.site_b_reads)
        )
    )
    for axes in (site_a, site_b, stale, lag):
        axes.axvspan(0, run.phases.heal_at - origin, color="#d9d9d9", label=_("partition"))
    for axes, site in ((site_a, "A"), (site_b, "B")):
        for activity, style in ACTIVITY_STYLE.items():
            xs, ys = _shares(timeline, site, activity, origin)
            axes.plot(
                xs,
                ys,
                style,
                color=SITE_COLOURS[site],
                label=activity_name(activity),
                linewidth=1.3,
                marker=".",
                markersize=3,
            )
        axes.set_ylim(-5, 105)
        axes.set_ylabel(_("site {site}\n% ok").format(site=site))
        axes.legend(loc="lower left", fontsize=7, ncol=4)
    for site, colour in SITE_COLOURS.items():
        points = [(second + 0.5 - origin, n) for second, where, n in run.stale_reads.series if where == site]
        if points:
            stale.bar(
                [x for x, _ in points],
                [n for _, n in points],
                width=0.8,
                color=colour,
                alpha=0.7,
                label=_("read at site {site}").format(site=site),
            )
    if not run.stale_reads.series or not any(n for *_, n in run.stale_reads.series):
        stale.text(0.5, 0.5, _("no stale read noticed"), transform=stale.transAxes, ha="center", color="#7f7f7f")
    stale.set_ylabel(_("stale reads\nper second"))
    stale.legend(loc="upper left", fontsize=7)
    series = run.lag_series
    lag.plot([t - origin for t, _, _ in series], [ms / 1000 for _, ms, _ in series], color="C7", linewidth=1.4)
    lag.set_ylabel(_("replica behind\n(seconds)"))
    lag.set_xlabel(_("seconds since the link between the sites was cut"))
    return save(figure, path)


def figures(runs: dict[str, dict[str, CapRun]], out: Path) -> list[Figure]:
    """One chart per architecture and mode."""
    return [
        Figure(
            chart(architecture, run, out / f"cap_{architecture}_{mode}.png"),
            _("{architecture}, {mode}: what each site served through a partition").format(
                architecture=architecture, mode=mode
            ),
            _(HOW_TO_READ),
        )
        for architecture, modes in runs.items()
        for mode, run in sorted(modes.items(), key=lambda m: MODES.index(m[0]))
    ]


def _percent(share: float | None) -> str | None:
    return None if share is None else percent(share)


def _stale_per_1000(run: CapRecord, site: str, phase: str) -> float | None:
    reads, stale = run.stale_reads.by_site[site][phase]
    return round(1000 * stale / reads, 1) if reads else None


def table(runs: dict[str, dict[str, CapRun]]) -> Table:
    """Per architecture and mode: what site B kept during the partition, what it cost, and the data check."""
    rows = []
    for architecture, modes in runs.items():
        for mode in (m for m in MODES if m in modes):
            run, _timeline = modes[mode]
            b, a = run.availability["B"]["partition"], run.availability["A"]["partition"]
            check, lag = run.data_check, run.lag_during_partition
            rows.append(
                [
                    architecture,
                    mode,
                    *(_percent(b.get(activity)) for activity in ("browse", "sign in", "order", "all")),
                    _percent(a.get("all")),
                    _stale_per_1000(run, "B", "partition"),
                    _stale_per_1000(run, "B", "after"),
                    None if lag.max_ms is None else round(lag.max_ms / 1000, 1),
                    run.converge_s,
                    check.orders_answered_201,
                    _("passed")
                    if check.passed
                    else _("FAILED: {problems}").format(problems=number(check.problem_count)),
                ]
            )
    headers = [
        _("architecture"),
        _("mode"),
        _("site B browse ok"),
        _("site B sign in ok"),
        _("site B order ok"),
        _("site B all ok"),
        _("site A all ok"),
        _("stale per 1,000 reads at B (cut)"),
        _("stale per 1,000 at B (after)"),
        _("replica behind, max s"),
        _("caught up after s"),
        _("orders 201"),
        _("data check"),
    ]
    note = _(
        "During the partition unless said otherwise. A request counts in the second it was sent; one sent "
        "during the cut that waited and succeeded after the heal counts as a success."
    )
    return Table(
        _("The CAP trade-off: what each mode kept available, and what it cost in consistency"), headers, rows, note
    )


def intro(runs: dict[str, dict[str, CapRun]]) -> str:
    """The section's text: the experiment, then what the runs showed."""
    return "\n\n".join(filter(None, [_(INTRO), findings(runs)]))


def findings(runs: dict[str, dict[str, CapRun]]) -> str:
    """Three sentences on what the runs showed, from their numbers; empty without both modes of a run."""
    both = {a: m for a, m in runs.items() if all(mode in m for mode in MODES)}
    if not both:
        return ""
    architecture, pairs = next(iter(both.items()))
    modes = {mode: run for mode, (run, _) in pairs.items()}
    cp, ap = (modes[m].availability["B"]["partition"] for m in MODES)
    converge = [modes[m].converge_s for m in MODES if modes[m].converge_s is not None]
    stale = sum(modes["AP"].stale_reads.by_site["B"][phase][1] for phase in ("partition", "after"))
    if not all(modes[m].data_check.passed for m in MODES):
        return _("A data check failed: see the table.")
    return _(
        "In {architecture}, site B served {cp_browse} of browsing while cut off in CP mode and {ap_browse} in AP "
        "mode; writes (sign-ins, orders) needed the primary in both. AP's availability cost {stale} stale read(s) "
        "that shoppers could notice, where CP served none. After the heal the replica caught up in {seconds} s or "
        "less, and no order was lost in either mode."
    ).format(
        architecture=architecture,
        cp_browse=_percent(cp.get("browse")) or _("none"),
        ap_browse=_percent(ap.get("browse")) or _("none"),
        stale=number(stale),
        seconds=number(max(converge, default=float("nan"))),
    )
