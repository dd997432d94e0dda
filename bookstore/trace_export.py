"""Spans to a file as OTLP JSON lines: what the OpenTelemetry Collector's file exporter writes, and what the
lab's waterfalls (lab/trace) and any OTLP tool read back.

OTLP/JSON is protobuf's JSON mapping with two exceptions, applied here: trace and span ids are hex, not
base64, and enums (a span's kind) are integers.
"""

import base64
import json
import threading
from pathlib import Path

from google.protobuf.json_format import MessageToDict
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

_IDS = ("traceId", "spanId", "parentSpanId")


def _hex_ids(item: dict) -> None:
    for key in _IDS:
        if item.get(key):
            item[key] = base64.b64decode(item[key]).hex()


def otlp_json(spans) -> dict:
    """The OTLP/JSON ExportTraceServiceRequest of these spans."""
    request = MessageToDict(encode_spans(spans), use_integers_for_enums=True)
    for resource in request.get("resourceSpans", []):
        for scope in resource.get("scopeSpans", []):
            for span in scope.get("spans", []):
                _hex_ids(span)
                for link in span.get("links", []):
                    _hex_ids(link)
    return request


class OtlpJsonLines(SpanExporter):
    """One OTLP ExportTraceServiceRequest per line, encoded by the OTLP exporter's own encoder."""

    def __init__(self, path: Path):
        self.path, self.lock = path, threading.Lock()

    def export(self, spans) -> SpanExportResult:
        line = json.dumps(otlp_json(spans), separators=(",", ":"))
        with self.lock, open(self.path, "a") as out:
            out.write(line + "\n")
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        """Nothing is held open between batches."""
