"""The report's "One request, four architectures": the median traces side by side, their anatomy, and what
tracing itself costs."""

from pathlib import Path

from lab.i18n import N_, _, number
from lab.records import UnreadableRecord, read_record
from lab.records.trace import TraceRecord
from lab.report.page import Figure, Table
from lab.report.results import load, server_cpu_ms
from lab.report.style import ordered
from lab.trace.anatomy import saved
from lab.trace.waterfall import side_by_side

# The section's texts, marked for the catalog and said with _() where shown.
INTRO = N_(
    """`make trace-all` starts each architecture with tracing on (TRACE=1: OpenTelemetry's SDK and its \
instrumentations of Flask, urllib3 and SQLAlchemy in every server process) and sends one scripted visit 20 \
times: register, log in, browse, search, a book's page, a quote, an order, the order read back. Each step \
is its own trace, the W3C traceparent carrying it from process to process. Drawn is each step's median \
trace, not a lucky one. One lane per process; the request's own spans are blue where the process works and \
hatched where it waits on another process; SQL statements are grey; the red line is the critical path \
(what, made faster, would make the request faster). The same traces open in Jaeger: see the README."""
)
HOW_TO_READ = N_(
    """Read across a row: how many lanes (processes) the request crosses, how far the hatched \
waiting reaches, how much of the time is grey (the database). Read down: the four architectures on one \
time axis, so a longer bar is a slower request."""
)
COST_NOTE = N_(
    """users-1000, untraced and traced minutes apart in one run (`make bench-tracing`), every request \
traced (no sampling). CPU per request is the servers' CPU, the load generator left out."""
)
# The drawn steps' sentences whole, since a step's name changes the words around it in Spanish.
DRAWN_TITLE = {
    "order": N_("order: the median trace of each architecture"),
    "book page": N_("book page: the median trace of each architecture"),
}
DRAWN_CAPTION = {
    "order": N_("One order, four architectures, on one time axis"),
    "book page": N_("One book page, four architectures, on one time axis"),
}
TABLE_CAPTION = {
    "order": N_("The order, traced: the median of {visits} visits per architecture"),
    "book page": N_("The book page, traced: the median of {visits} visits per architecture"),
}


def load_traces(results: Path) -> dict[str, TraceRecord]:
    """label -> trace.json, from results/traces."""
    found = {}
    for path in sorted((results / "traces").glob("*/trace.json")):
        try:
            found[path.parent.name] = read_record(path, TraceRecord)
        except UnreadableRecord as unreadable:
            print(f"skipping {unreadable}")
    return {label: found[label] for label in ordered(found)}


def figures(traces: dict[str, TraceRecord], out: Path) -> list[Figure]:
    """The order and the book page, the four architectures on one shared time axis each."""
    drawn = []
    for step in DRAWN_TITLE:
        anatomies = {label: saved(run.steps[step]) for label, run in traces.items() if step in run.steps}
        if anatomies:
            path = side_by_side(anatomies, _(DRAWN_TITLE[step]), out / f"trace_{step.replace(' ', '_')}.png")
            drawn.append(Figure(path, _(DRAWN_CAPTION[step]), _(HOW_TO_READ)))
    return drawn


def table(traces: dict[str, TraceRecord], step: str) -> Table:
    """Per architecture, the median trace of one step: where it went and where its time was spent."""
    headers = [
        _("architecture"),
        _("processes crossed"),
        _("network hops"),
        _("SQL statements"),
        _("total ms (median)"),
        _("total ms (fastest–slowest)"),
        _("slowest process"),
        _("ms inside it"),
    ]
    rows = []
    for label, run in traces.items():
        if step not in run.steps:
            continue
        row, totals = run.steps[step].median, run.steps[step].totals_ms
        rows.append(
            [
                label,
                " → ".join(row.processes),
                row.hops,
                row.statements,
                row.total_ms,
                f"{number(totals[0], 1)}–{number(totals[-1], 1)}",
                row.slowest_process,
                row.slowest_ms,
            ]
        )
    note = _(
        "Network hops: HTTP calls between the architecture's processes (a statement sent to PostgreSQL is "
        "a round trip too, counted under SQL). Inside a process: the time it held the request without "
        "waiting on another process, its SQL included."
    )
    visits = max((run.visits for run in traces.values()), default=0)
    return Table(_(TABLE_CAPTION[step]).format(visits=number(visits)), headers, rows, note)


def cost(results: Path) -> Table:
    """Untraced against traced, side by side: server CPU per request and p95 at users-1000."""
    runs = load(results / "tracing-cost")
    headers = [
        _("architecture"),
        _("CPU ms/request untraced"),
        _("traced"),
        _("CPU ×"),
        _("p95 ms untraced"),
        _("traced"),
        _("throughput untraced"),
        _("traced"),
    ]
    rows = []
    for label in [label for label in runs.labels if not label.endswith("-traced")]:
        off, on = runs.run(label, "users-1000"), runs.run(f"{label}-traced", "users-1000")
        if not (off and on):
            continue
        cpu_off, cpu_on = sum(server_cpu_ms(off).values()), sum(server_cpu_ms(on).values())
        rows.append(
            [
                label,
                cpu_off,
                cpu_on,
                round(cpu_on / cpu_off, 2) if cpu_off else None,
                off.totals.latency_ms.p95,
                on.totals.latency_ms.p95,
                off.totals.throughput_rps,
                on.totals.throughput_rps,
            ]
        )
    return Table(_("What tracing costs"), headers, rows, _(COST_NOTE))
