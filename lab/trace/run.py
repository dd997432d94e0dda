"""`make trace-<arch>`: start an architecture with TRACE=1, send the scripted visit (one warm-up, then
VISITS counted), stop it so every worker exports its spans, and keep each step's median trace: its
table row, its spans, the order's and the book page's waterfalls, and all spans as OTLP JSON."""

import dataclasses
import json
import shutil
import time
from pathlib import Path

import urllib3

from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.paths import RESULTS
from lab.records import write_record
from lab.records.trace import TracedStep, TraceRecord
from lab.settings import at_start
from lab.trace.anatomy import Anatomy, anatomy, median, saved
from lab.trace.spans import Span, by_trace, read_spans
from lab.trace.visit import DRAWN, STEPS, Visit
from lab.trace.waterfall import waterfall

TRACES = RESULTS / "traces"
VISITS = at_start().trace_visits
SPANS_WAIT_S = 60  # a worker exports what it holds as it stops; a slow machine may take a while


def _book_count(base_url: str) -> int:
    answer = urllib3.request("GET", f"{base_url}/api/books?page_size=1", timeout=30)
    return int(json.loads(answer.data)["total"])


def _visits(launch: Launch, visits: int) -> list[dict[str, str]]:
    books, sent = _book_count(launch.base_url), []
    Visit(launch.base_url).run(books)  # warm-up: first connections, caches, lazily loaded code
    for n in range(1, visits + 1):
        began = time.perf_counter()
        sent.append(Visit(launch.base_url).run(books))
        print(f"  [{launch.name} traced] visit {n}/{visits}: {1000 * (time.perf_counter() - began):.0f} ms", flush=True)
    return sent


def _complete(folder: Path, sent: list[dict[str, str]]) -> dict[str, list[Span]]:
    """The spans of every trace sent, waiting (generously) for the last workers' exports to land."""
    deadline = time.monotonic() + SPANS_WAIT_S
    while True:
        traces = by_trace(read_spans(folder))
        missing = [trace_id for visit in sent for trace_id in visit.values() if trace_id not in traces]
        if not missing:
            return traces
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(missing)} traces wrote no spans to {folder} (first: {missing[0]})")
        time.sleep(1)


def _step(anatomies: list[Anatomy]) -> TracedStep:
    chosen = median(anatomies)
    totals = sorted(a.total_ms for a in anatomies)
    return TracedStep(
        median=chosen.row(),
        trace_id=chosen.trace_id,
        totals_ms=[round(t, 2) for t in totals],
        spans=[dataclasses.asdict(span) for span in chosen.spans],
    )


def trace_architecture(
    architecture: str, db: str | None = None, results: Path = TRACES, visits: int = VISITS, run_dir: Path | None = None
) -> Path:
    """Trace the visit `visits` times on a fresh start; the folder holding trace.json and the waterfalls."""
    launch = Launch(architecture, db, port=free_port(), run_dir=run_dir)
    launch.settings = {"TRACE": "1"}
    with launch:
        print(f"[{architecture}] traced, {visits} visits of {len(STEPS)} steps each", flush=True)
        sent = _visits(launch, visits)
    traces = _complete(launch.run_dir / "traces", sent)
    out = results / launch.architecture.label.removesuffix("-traced")
    shutil.rmtree(out, ignore_errors=True)
    steps = {step: _step([anatomy(v[step], traces[v[step]]) for v in sent]) for step in STEPS}
    shutil.copytree(launch.run_dir / "traces", out / "otlp")
    label = launch.architecture.label.removesuffix("-traced")
    write_record(out / "trace.json", TraceRecord(architecture=label, visits=visits, steps=steps))
    for step in DRAWN:
        title = f"{architecture}: {step}, the median of {visits} visits"
        waterfall(saved(steps[step]), title, out / f"{step.replace(' ', '-')}.png")
    for step in STEPS:
        row = steps[step].median
        print(
            f"  {step:<16} {row.total_ms:>7.1f} ms  {' > '.join(row.processes)}: {row.hops} hops, "
            f"{row.statements} SQL, slowest {row.slowest_process} {row.slowest_ms:.1f} ms"
        )
    print(f"[{architecture}] traces -> {out}", flush=True)
    return out
