"""The report's "One request, four architectures": waterfalls on one time axis and the anatomy table."""

import dataclasses
import json

from test_trace_anatomy import gateway_to_catalog

from lab.records import write_record
from lab.records.trace import TraceRecord
from lab.report import trace_section
from lab.trace.anatomy import anatomy


def saved_run(label: str, spans) -> TraceRecord:
    found = anatomy("t1", spans)
    step = {
        "median": found.row(),
        "trace_id": "t1",
        "totals_ms": [9.0, found.total_ms, 12.5],
        "spans": [dataclasses.asdict(span) for span in spans],
    }
    return TraceRecord(architecture=label, visits=3, steps={"order": step, "book page": step})


def test_the_traced_architectures_are_drawn_on_one_axis_and_tabulated_in_the_courses_order(tmp_path):
    for label in ("microservices", "monolith"):
        (tmp_path / "traces" / label).mkdir(parents=True)
        write_record(tmp_path / "traces" / label / "trace.json", saved_run(label, gateway_to_catalog()))
    traces = trace_section.load_traces(tmp_path)
    assert list(traces) == ["monolith", "microservices"]
    figures = trace_section.figures(traces, tmp_path)
    assert [f.path.name for f in figures] == ["trace_order.png", "trace_book_page.png"]
    assert all(f.path.stat().st_size > 10_000 for f in figures)
    table = trace_section.table(traces, "order")
    assert table.rows[0][:4] == ["monolith", "gateway → catalog", 1, 1]
    assert table.rows[0][4:] == [10.0, "9.0–12.5", "catalog", 5.0]
    assert "3 visits" in table.caption


def test_tracing_cost_is_empty_until_bench_tracing_has_run(tmp_path):
    assert trace_section.cost(tmp_path).rows == []


def test_a_trace_json_from_before_the_schema_without_its_fields_is_skipped_and_named(tmp_path, capsys):
    (tmp_path / "traces" / "soa").mkdir(parents=True)
    (tmp_path / "traces" / "soa" / "trace.json").write_text(json.dumps({"architecture": "soa", "steps": {}}))

    assert trace_section.load_traces(tmp_path) == {}
    assert f"skipping {tmp_path / 'traces' / 'soa'}: trace.json has no schema version" in capsys.readouterr().out
