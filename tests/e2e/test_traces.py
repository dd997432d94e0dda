"""TRACE=1: one trace id across every process a request crosses, database statements included, and a
storefront that tells how each page was served."""

import secrets
from contextlib import ExitStack

import pytest
import requests
from launching import launched, reader_auth

from lab.trace.anatomy import anatomy
from lab.trace.run import trace_architecture
from lab.trace.spans import by_trace, read_spans
from lab.trace.visit import DRAWN, STEPS
from tests.otlp_receiver import otlp_receiver

ADDRESS = {"name": "Ada Traced", "street": "1 Span Street", "city": "Utrecht", "postal_code": "3511", "country": "NL"}
# What an order crosses in each architecture, and where a book's page is drawn.
ORDER_CROSSES = {
    "microservices": {"gateway", "accounts", "orders", "catalog", "shipping"},
    "soa": {"bus", "account", "book", "order", "shipping"},
    "three_tier": {"presentation", "application"},
}
# Which of them send SQL: never an edge. The bus may: it reads its service registry from the enterprise
# database, but at most once a second per worker, so an order only sometimes catches it doing so.
ORDER_SQL = {
    "microservices": {"accounts", "orders", "catalog", "shipping"},
    "soa": {"account", "book", "order", "shipping"},
    "three_tier": {"application"},
}
MAY_SEND_SQL = {"soa": {"bus"}}
PAGE_CROSSES = {
    "microservices": "gateway → frontend → catalog",
    "soa": "bus → book",
    "three_tier": "presentation → application",
}


def traced(base_url: str, method: str, path: str, **kwargs) -> tuple[str, requests.Response]:
    trace_id = secrets.token_hex(16)
    headers = {**kwargs.pop("headers", {}), "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}
    return trace_id, requests.request(method, base_url + path, headers=headers, timeout=30, **kwargs)


@pytest.fixture(scope="module", params=sorted(ORDER_CROSSES))
def served(request, tmp_path_factory):
    """An order and a book's page sent under trace ids of ours, then the spans every process wrote by its stop."""
    architecture = request.param
    with ExitStack() as running:
        collector, received = running.enter_context(otlp_receiver())
        launch = running.enter_context(
            launched(
                architecture,
                tmp_path_factory.mktemp(f"{architecture}-traced"),
                TRACE="1",
                OTEL_EXPORTER_OTLP_ENDPOINT=collector,
            )
        )
        body = {"items": [{"book_id": 3, "quantity": 1}], "shipping_address": ADDRESS}
        order_trace, order = traced(
            launch.base_url, "POST", "/api/orders", json=body, headers=reader_auth(launch.base_url, 7)
        )
        page_trace, page = traced(launch.base_url, "GET", "/books/3")
    spans = by_trace(read_spans(launch.run_dir / "traces"))  # the workers exported what they held as they stopped
    return architecture, launch, {"order": (order_trace, order), "page": (page_trace, page)}, spans, received


def test_a_traced_order_has_spans_in_every_process_it_crosses_under_one_trace_id(served):
    architecture, _, sent, spans, _ = served
    trace_id, order = sent["order"]
    assert order.status_code == 201, order.text
    crossed = {span.process for span in spans[trace_id]}
    assert ORDER_CROSSES[architecture] <= crossed, crossed
    found = anatomy(trace_id, spans[trace_id])
    assert found.root.process == min(ORDER_CROSSES[architecture] & {"gateway", "bus", "presentation"})
    assert found.hops >= len(ORDER_CROSSES[architecture]) - 1 and found.statements > 0


def test_database_statements_are_spans_of_the_process_that_sent_them_in_its_own_database(served):
    architecture, _, sent, spans, _ = served
    statements = [span for span in spans[sent["order"][0]] if span.is_sql]
    sent_by = {span.process for span in statements}
    expected = ORDER_SQL[architecture]
    assert expected <= sent_by <= expected | MAY_SEND_SQL.get(architecture, set()), sent_by
    if architecture == "microservices":  # a database each: every service's statements go to its own
        for span in statements:
            assert (span.attributes.get("db.name") or span.attributes.get("db.namespace")) == span.process, span


def test_the_storefront_footer_and_the_summary_header_tell_how_a_page_was_served(served):
    architecture, _, sent, spans, _ = served
    trace_id, page = sent["page"]
    assert page.status_code == 200
    assert f"Served by {PAGE_CROSSES[architecture]}" in page.text and trace_id in page.text
    assert page.headers["X-Trace-Summary"].startswith('{"processes":')
    assert {span.process for span in spans[trace_id]} >= set(PAGE_CROSSES[architecture].split(" → "))


def test_the_same_spans_reach_a_collector_over_otlp_http(served):
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    _, _, sent, spans, received = served
    at_collector = set()
    for content_type, body in received:
        assert content_type == "application/x-protobuf"
        for resource in ExportTraceServiceRequest.FromString(body).resource_spans:
            process = next(a.value.string_value for a in resource.resource.attributes if a.key == "service.name")
            at_collector |= {
                (process, span.span_id.hex())
                for scope in resource.scope_spans
                for span in scope.spans
                if span.trace_id.hex() == sent["order"][0]
            }
    assert at_collector == {(span.process, span.span_id) for span in spans[sent["order"][0]]}


def test_make_trace_draws_the_median_waterfalls_of_a_visit_every_answer_checked(tmp_path):
    out = trace_architecture("monolith", None, results=tmp_path / "traces", visits=3, run_dir=tmp_path / "run")
    saved = (out / "trace.json").read_text()
    for step in STEPS:
        assert f'"{step}"' in saved
    for step in DRAWN:
        assert (out / f"{step.replace(' ', '-')}.png").stat().st_size > 10_000
    assert list((out / "otlp").glob("monolith-*.jsonl"))
