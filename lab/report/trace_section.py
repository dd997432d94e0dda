"""The report's "One request, four architectures": the median traces side by side, their anatomy, and what
tracing itself costs."""

from pathlib import Path

from lab.records import UnreadableRecord, read_record
from lab.records.trace import TraceRecord
from lab.report.page import Figure, Table
from lab.report.results import load, server_cpu_ms
from lab.report.style import ordered
from lab.trace.anatomy import saved
from lab.trace.waterfall import side_by_side

INTRO = """`make trace-all` starts each architecture with tracing on (TRACE=1: OpenTelemetry's SDK and its \
instrumentations of Flask, urllib3 and SQLAlchemy in every server process) and sends one scripted visit 20 \
times: register, log in, browse, search, a book's page, a quote, an order, the order read back. Each step \
is its own trace, the W3C traceparent carrying it from process to process. Drawn is each step's median \
trace, not a lucky one. One lane per process; the request's own spans are blue where the process works and \
hatched where it waits on another process; SQL statements are grey; the red line is the critical path \
(what, made faster, would make the request faster). The same traces open in Jaeger: see the README."""
HOW_TO_READ = """Read across a row: how many lanes (processes) the request crosses, how far the hatched \
waiting reaches, how much of the time is grey (the database). Read down: the four architectures on one \
time axis, so a longer bar is a slower request."""
COST_NOTE = """users-1000, untraced and traced minutes apart in one run (`make bench-tracing`), every request \
traced (no sampling). CPU per request is the servers' CPU, the load generator left out."""


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
    for step in ("order", "book page"):
        anatomies = {label: saved(run.steps[step]) for label, run in traces.items() if step in run.steps}
        if anatomies:
            path = side_by_side(
                anatomies, f"{step}: the median trace of each architecture", out / f"trace_{step.replace(' ', '_')}.png"
            )
            drawn.append(Figure(path, f"One {step}, four architectures, on one time axis", HOW_TO_READ))
    return drawn


def table(traces: dict[str, TraceRecord], step: str) -> Table:
    """Per architecture, the median trace of one step: where it went and where its time was spent."""
    headers = [
        "architecture",
        "processes crossed",
        "network hops",
        "SQL statements",
        "total ms (median)",
        "total ms (fastest–slowest)",
        "slowest process",
        "ms inside it",
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
                f"{totals[0]:.1f}–{totals[-1]:.1f}",
                row.slowest_process,
                row.slowest_ms,
            ]
        )
    note = (
        "Network hops: HTTP calls between the architecture's processes (a statement sent to PostgreSQL is "
        "a round trip too, counted under SQL). Inside a process: the time it held the request without "
        "waiting on another process, its SQL included."
    )
    visits = max((run.visits for run in traces.values()), default=0)
    return Table(f"The {step}, traced: the median of {visits} visits per architecture", headers, rows, note)


def cost(results: Path) -> Table:
    """Untraced against traced, side by side: server CPU per request and p95 at users-1000."""
    runs = load(results / "tracing-cost")
    headers = [
        "architecture",
        "CPU ms/request untraced",
        "traced",
        "CPU ×",
        "p95 ms untraced",
        "traced",
        "throughput untraced",
        "traced",
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
    return Table("What tracing costs", headers, rows, COST_NOTE)
