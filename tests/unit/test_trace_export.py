"""Spans written as OTLP JSON lines and read back: hex ids, integer kinds, each span in its process."""

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import SpanKind

from bookstore.trace_export import OtlpJsonLines
from lab.trace.spans import CLIENT, SERVER, by_trace, read_spans


def test_spans_written_as_otlp_json_lines_read_back_with_their_process_ids_and_parents(tmp_path):
    provider = TracerProvider(resource=Resource.create({"service.name": "catalog"}))
    provider.add_span_processor(SimpleSpanProcessor(OtlpJsonLines(tmp_path / "catalog-1.jsonl")))
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("GET /api/books", kind=SpanKind.SERVER) as server:
        tracer.start_span("SELECT", kind=SpanKind.CLIENT, attributes={"db.statement": "SELECT 1"}).end()
    provider.shutdown()

    line = (tmp_path / "catalog-1.jsonl").read_text().splitlines()[0]
    trace_id = format(server.get_span_context().trace_id, "032x")
    assert f'"traceId":"{trace_id}"' in line  # hex as OTLP/JSON wants, not protobuf's base64
    spans = by_trace(read_spans(tmp_path))[trace_id]
    assert [(s.name, s.kind, s.process) for s in spans] == [
        ("GET /api/books", SERVER, "catalog"),
        ("SELECT", CLIENT, "catalog"),
    ]
    assert spans[1].parent_id == spans[0].span_id and spans[1].is_sql and not spans[1].is_call
