"""Distributed traces with OpenTelemetry, off unless TRACE=1: a span for every request, every call between
processes and every SQL statement, alike in every architecture.

A server process started with TRACE=1 (its gunicorn worker: topology/gunicorn_conf.py) writes its spans as
OTLP JSON lines to TRACE_DIR/<component>-<pid>.jsonl, and to the collector at OTEL_EXPORTER_OTLP_ENDPOINT
where that is set. The context crosses every hop in the W3C traceparent HTTP header, SOAP calls included:
SOAP travels over HTTP here, where the maintained urllib3 and Flask instrumentations write and read the
header, so a SOAP header of our own would only duplicate it (the bus's correlation id stays in its SOAP
header). Which processes a request crossed travels with it as W3C baggage; what each callee did comes back
in X-Trace-Summary, so the edge, and the storefront's footer, can tell how a request was served.
"""

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from flask import Flask, g

from bookstore.settings import Settings

SUMMARY_HEADER = "X-Trace-Summary"
CROSSED = "bookstore.crossed"  # the baggage entry: the processes a request has passed through, in order
QUEUE = 32_768  # spans a worker may hold unexported: a 60 s bench at 1,000 users drops none
_tally: LRUCache[int, dict[str, Any]] = LRUCache(maxsize=10_000)  # per trace: what this process saw
_tally_lock = threading.Lock()


def _entry(trace_id: int) -> dict:
    with _tally_lock:
        return _tally.setdefault(trace_id, {"sql": 0, "hops": 0, "processes": []})


def _forget_trace(trace_id: int) -> None:
    with _tally_lock:
        _tally.pop(trace_id, None)


def _counting():
    from opentelemetry.sdk.trace import SpanProcessor
    from opentelemetry.trace import SpanKind

    class Counting(SpanProcessor):
        """Counts each trace's SQL statements (not connects) and its calls to other processes."""

        def on_end(self, span) -> None:
            attributes = span.attributes or {}
            if "db.statement" in attributes or "db.query.text" in attributes:
                _entry(span.context.trace_id)["sql"] += 1
            elif span.kind == SpanKind.CLIENT and "db.system" not in attributes:
                _entry(span.context.trace_id)["hops"] += 1

    return Counting()


def _add_downstream(span, _pool, response) -> None:
    said = response.headers.get(SUMMARY_HEADER)
    if said:
        found, entry = json.loads(said), _entry(span.get_span_context().trace_id)
        entry["sql"] += found["sql"]
        entry["hops"] += found["hops"]
        entry["processes"] += [p for p in found["processes"] if p not in entry["processes"]]


def start(component: str, settings: Settings) -> None:
    """Trace this process: its spans to TRACE_DIR and OTEL_EXPORTER_OTLP_ENDPOINT, its HTTP calls, its engines."""
    from opentelemetry import trace
    from opentelemetry.instrumentation.urllib3 import URLLib3Instrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    from bookstore.trace_export import OtlpJsonLines

    resource = Resource.create(
        {
            "service.name": component,
            "service.namespace": settings.service_namespace,
            "service.instance.id": f"{component}-{os.getpid()}",
        }
    )
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(_counting())
    if settings.trace_dir:
        folder = Path(settings.trace_dir)
        folder.mkdir(parents=True, exist_ok=True)
        file = OtlpJsonLines(folder / f"{component}-{os.getpid()}.jsonl")
        provider.add_span_processor(BatchSpanProcessor(file, max_queue_size=QUEUE, schedule_delay_millis=1000))
    if settings.otlp_endpoint:  # the exporter reads the endpoint (and its other OTEL_ variables) itself
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(), max_queue_size=QUEUE))
    trace.set_tracer_provider(provider)
    URLLib3Instrumentor().instrument(response_hook=_add_downstream)
    if "bookstore.database" in sys.modules:  # a process with a database: its engines exist by now
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

        from bookstore.database import ENGINES

        # The instrumentation declares SQLAlchemy < 2.1, but the engine events it hooks are unchanged in 2.1
        # (tests/e2e/test_traces.py checks the statements' spans), hence skip_dep_check.
        SQLAlchemyInstrumentor().instrument(engines=list(ENGINES), enable_commenter=False, skip_dep_check=True)


def stop() -> None:
    """Export what is still queued: a worker calls this as it exits."""
    from opentelemetry import trace

    shutdown = getattr(trace.get_tracer_provider(), "shutdown", None)
    if shutdown:
        shutdown()


def _name_soap_calls(span, environ: dict) -> None:
    # Every SOAP call is POST /soap: the operation, from the SOAPAction header, tells them apart.
    action = environ.get("HTTP_SOAPACTION", "").strip('"')
    if action and span.is_recording():
        span.update_name(f"SOAP {action}")


def instrument_app(app: Flask, component: str) -> None:
    """A span per request of this app (not health checks), the path it came by, and its cost in X-Trace-Summary."""
    from opentelemetry import baggage, context, trace
    from opentelemetry.instrumentation.flask import FlaskInstrumentor

    FlaskInstrumentor().instrument_app(
        app, request_hook=_name_soap_calls, excluded_urls="/health$", enable_commenter=False
    )

    @app.before_request
    def _crossing():
        g.trace_began = time.perf_counter()
        g.trace_crossed = [p for p in (baggage.get_baggage(CROSSED) or "").split(",") if p] + [component]
        g.trace_token = context.attach(baggage.set_baggage(CROSSED, ",".join(g.trace_crossed)))

    @app.after_request
    def _say_what_it_cost(response):
        entry = _entry(trace.get_current_span().get_span_context().trace_id)
        own = {"processes": [component, *entry["processes"]], "hops": entry["hops"], "sql": entry["sql"]}
        response.headers[SUMMARY_HEADER] = json.dumps(own, separators=(",", ":"))  # from here down
        return response

    @app.teardown_request
    def _forget(_error):
        _forget_trace(trace.get_current_span().get_span_context().trace_id)
        if g.get("trace_token") is not None:
            context.detach(g.pop("trace_token"))

    @app.context_processor
    def _footer():
        return {"trace_footer": served_so_far()}


def served_so_far() -> dict:
    """This request until now: the processes it crossed, its network hops between them, its SQL statements,
    its milliseconds since it reached this process, and its trace id (to find it in Jaeger)."""
    from opentelemetry import trace

    trace_id = trace.get_current_span().get_span_context().trace_id
    entry, crossed = _entry(trace_id), list(g.get("trace_crossed", []))
    began = g.get("trace_began", time.perf_counter())
    return {
        "processes": crossed + [p for p in entry["processes"] if p not in crossed],
        "hops": max(len(crossed) - 1, 0) + entry["hops"],
        "sql": entry["sql"],
        "ms": round(1000 * (time.perf_counter() - began), 1),
        "trace_id": format(trace_id, "032x"),
    }
