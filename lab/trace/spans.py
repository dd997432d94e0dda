"""Spans read back from the OTLP JSON lines the traced servers wrote (bookstore/trace_export.py)."""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SERVER, CLIENT = 2, 3  # OTLP's SpanKind numbers


@dataclass(frozen=True)
class Span:
    trace_id: str
    span_id: str
    parent_id: str
    name: str
    kind: int
    start_ns: int
    end_ns: int
    process: str  # the service.name of the server process that recorded it
    attributes: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def ms(self) -> float:
        return (self.end_ns - self.start_ns) / 1e6

    @property
    def is_sql(self) -> bool:
        """A statement sent to the database (a connect is not one)."""
        return "db.statement" in self.attributes or "db.query.text" in self.attributes

    @property
    def is_database(self) -> bool:
        """Work with the database: a statement, or taking a connection."""
        return any(key.startswith("db.") for key in self.attributes)

    @property
    def is_call(self) -> bool:
        """A call to another process over HTTP."""
        return self.kind == CLIENT and not self.is_database


def _value(any_value: dict):
    return next(iter(any_value.values()), None) if any_value else None


def _attributes(items: list[dict]) -> dict:
    return {item["key"]: _value(item.get("value", {})) for item in items or []}


def read_spans(folder: Path) -> list[Span]:
    """Every span in every *.jsonl file of a folder."""
    spans = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            for resource in json.loads(line).get("resourceSpans", []):
                process = _attributes(resource.get("resource", {}).get("attributes"))["service.name"]
                for scope in resource.get("scopeSpans", []):
                    spans += [_span(s, process) for s in scope.get("spans", [])]
    return spans


def _span(item: dict, process: str) -> Span:
    return Span(
        item["traceId"],
        item["spanId"],
        item.get("parentSpanId", ""),
        item["name"],
        int(item.get("kind", 0)),
        int(item["startTimeUnixNano"]),
        int(item["endTimeUnixNano"]),
        process,
        _attributes(item.get("attributes")),
    )


def by_trace(spans: list[Span]) -> dict[str, list[Span]]:
    """Spans grouped by trace id, each group in start order."""
    traces = defaultdict(list)
    for span in spans:
        traces[span.trace_id].append(span)
    return {trace_id: sorted(group, key=lambda s: (s.start_ns, -s.end_ns)) for trace_id, group in traces.items()}
