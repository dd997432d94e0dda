"""Tracing is off unless TRACE=1: no OpenTelemetry loaded, no footer, no summary header. On, a page's
footer counts the SQL statements of that page's own trace."""

import re
import subprocess
import sys

from bookstore import tracing

SERVED_UNTRACED = """
import sys, types
import topology.gunicorn_conf as conf
from monolith.app import create_app
app = create_app({{"TESTING": True, "DATABASE_URL": {url!r}}})
conf.post_worker_init(types.SimpleNamespace(wsgi=app, pid=0))
app.test_client().get("/books/1")
print(sorted(m for m in sys.modules if m.startswith("opentelemetry") or m == "bookstore.tracing"))
"""


def test_without_trace_no_opentelemetry_module_is_loaded_and_pages_say_nothing(client, database_url):
    loaded = subprocess.run(
        [sys.executable, "-c", SERVED_UNTRACED.format(url=database_url)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PYTHONPATH": "."},
    ).stdout.strip()
    assert loaded == "[]"
    page = client.get("/books/1")
    assert tracing.SUMMARY_HEADER not in page.headers and b'class="trace"' not in page.data


def test_with_tracing_on_a_pages_footer_counts_the_statements_of_its_own_trace(app):
    from opentelemetry import trace
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from bookstore.database import ENGINES

    provider, recorded = TracerProvider(), InMemorySpanExporter()
    provider.add_span_processor(tracing._counting())
    provider.add_span_processor(SimpleSpanProcessor(recorded))
    trace.set_tracer_provider(provider)
    SQLAlchemyInstrumentor().instrument(engines=list(ENGINES), skip_dep_check=True)
    try:
        tracing.instrument_app(app, "monolith")
        page = app.test_client().get("/books/1").data.decode()
    finally:
        SQLAlchemyInstrumentor().uninstrument()
    trace_id = re.search(r"trace <code>([0-9a-f]{32})</code>", page).group(1)
    statements = [
        s
        for s in recorded.get_finished_spans()
        if format(s.context.trace_id, "032x") == trace_id and "db.statement" in s.attributes
    ]
    assert statements
    count = len(statements)
    assert f"Served by monolith: 0 network hops between processes, {count} SQL statement" in " ".join(page.split())
