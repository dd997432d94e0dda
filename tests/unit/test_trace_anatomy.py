"""What a trace shows: the processes crossed, hops, statements, working against waiting, the critical path."""

from lab.trace.anatomy import anatomy, median
from lab.trace.spans import CLIENT, SERVER, Span

MS = 1_000_000


def span(span_id, parent, process, start, end, kind=SERVER, name="GET /", **attributes):
    return Span("t1", span_id, parent, name, kind, start * MS, end * MS, process, attributes)


def gateway_to_catalog() -> list[Span]:
    """The gateway works 2 ms, calls the catalog (which runs one 3 ms statement), then works 1 ms more."""
    return [
        span("g", "caller", "gateway", 0, 10),
        span("call", "g", "gateway", 2, 9, kind=CLIENT, name="GET"),
        span("c", "call", "catalog", 3, 8),
        span(
            "sql",
            "c",
            "catalog",
            4,
            7,
            kind=CLIENT,
            name="SELECT",
            **{"db.system": "postgresql", "db.statement": "SELECT 1"},
        ),
        span("connect", "c", "catalog", 3, 4, kind=CLIENT, name="connect", **{"db.system": "postgresql"}),
    ]


def test_the_root_is_the_span_whose_parent_the_caller_kept():
    assert anatomy("t1", gateway_to_catalog()).root.span_id == "g"


def test_processes_hops_and_statements_are_counted_from_the_spans():
    found = anatomy("t1", gateway_to_catalog())
    assert found.processes == ["gateway", "catalog"]
    assert found.hops == 1  # the database connect and statement are not hops between processes
    assert found.statements == 1  # the connect is not a statement


def test_time_waiting_on_another_process_is_not_counted_as_working():
    inside = anatomy("t1", gateway_to_catalog()).inside_ms()
    assert inside == {"gateway": 3.0, "catalog": 5.0}  # 10 - 7 waiting; the catalog's SQL is its own time
    row = anatomy("t1", gateway_to_catalog()).row()
    assert (row["slowest_process"], row["slowest_ms"], row["total_ms"]) == ("catalog", 5.0, 10.0)


def test_the_critical_path_runs_through_the_child_that_finished_last():
    pieces = anatomy("t1", gateway_to_catalog()).critical_path()
    path = [(s.span_id, start // MS, end // MS) for s, start, end in pieces]
    assert path == [
        ("g", 0, 2),
        ("call", 2, 3),
        ("connect", 3, 4),
        ("sql", 4, 7),
        ("c", 7, 8),
        ("call", 8, 9),
        ("g", 9, 10),
    ]


def test_the_critical_path_skips_a_child_that_finished_before_a_later_one_began_and_covers_the_whole_request():
    spans = [
        span("r", "x", "edge", 0, 10),
        span("a", "r", "edge", 1, 3, kind=CLIENT),
        span("b", "r", "edge", 4, 9, kind=CLIENT),
    ]
    path = anatomy("t1", spans).critical_path()
    assert [(s.span_id, start // MS, end // MS) for s, start, end in path] == [
        ("r", 0, 1),
        ("a", 1, 3),
        ("r", 3, 4),
        ("b", 4, 9),
        ("r", 9, 10),
    ]
    assert sum(end - start for _, start, end in path) == 10 * MS


def test_the_median_trace_is_neither_the_fastest_nor_the_slowest():
    traces = [anatomy(f"t{n}", [Span(f"t{n}", "r", "", "GET", SERVER, 0, n * MS, "edge")]) for n in (5, 1, 9, 3, 7)]
    assert median(traces).total_ms == 5.0
