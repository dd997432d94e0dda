"""results/traces/<architecture>/trace.json: each step's median trace (lab/trace/run.py writes it)."""

from typing import Any, ClassVar, Literal

from pydantic import Field

from lab.records.parts import Part


class SavedSpan(Part):
    """One span as lab/trace/spans.py reads it from OTLP JSON."""

    trace_id: str
    span_id: str
    parent_id: str
    name: str
    kind: int
    start_ns: int
    end_ns: int
    process: str = Field(description="the service.name of the server process that recorded it")
    attributes: dict[str, Any] = {}


class TraceRow(Part):
    """The anatomy of the median trace: processes crossed, hops, statements, and where the time went."""

    processes: list[str]
    hops: int
    statements: int
    total_ms: float
    slowest_process: str
    slowest_ms: float


class TracedStep(Part):
    median: TraceRow
    trace_id: str = Field(description="the median trace's id, to find it in Jaeger")
    totals_ms: list[float] = Field(description="every visit's total, fastest first")
    spans: list[SavedSpan]


class TraceRecord(Part):
    """One architecture's scripted visit, traced `visits` times: each step's median trace by step name."""

    RERUN: ClassVar[str] = "make trace-<arch>"

    version: Literal[1] = Field(1, description="the schema version; a new one comes with a migration")
    architecture: str
    visits: int
    steps: dict[str, TracedStep]
