"""Recorded traces replayed to a collector: each OTLP JSON line posted as it is, a refusal said plainly."""

import json

import pytest

from lab.trace.send import send, traces_url
from tests.otlp_receiver import otlp_receiver


def test_every_recorded_batch_is_posted_as_otlp_json_to_v1_traces(tmp_path):
    lines = [json.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": f"{n:032x}"}]}]}]}) for n in (1, 2)]
    (tmp_path / "gateway-1.jsonl").write_text("\n".join(lines) + "\n")
    with otlp_receiver() as (url, received):
        assert send(tmp_path, url) == 2
    assert [(kind, json.loads(body)) for kind, body in received] == [
        ("application/json", json.loads(line)) for line in lines
    ]


def test_a_folder_without_traces_or_a_collector_that_is_not_there_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match="make trace-"):
        send(tmp_path, "http://127.0.0.1:9")
    (tmp_path / "a.jsonl").write_text("{}\n")
    with pytest.raises(RuntimeError, match="cannot reach http://127.0.0.1:9/v1/traces"):
        send(tmp_path, "http://127.0.0.1:9")


def test_the_endpoint_follows_the_opentelemetry_variables(monkeypatch):
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318/")
    assert traces_url() == "http://jaeger:4318/v1/traces"
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom")
    assert traces_url() == "http://collector:4318/custom"
    assert traces_url("http://given:4318") == "http://given:4318/v1/traces"
