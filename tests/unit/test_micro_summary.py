"""The micro-bench's figures: medians with spread, shares of the floor, and hop prices against the bare pairs."""

import json

import pytest

from lab.bench.micro.summary import floor_share, hop_prices, hop_prices_by_round, round_range, rows, text_table
from lab.records import write_record
from lab.records.micro import Measurement, MicroRecord
from lab.report.micro_section import hops, load_micro, table
from tests.run_records import RUN as RUN_FIELDS

UNASSERTED = {"requests": 0, "duration_us": 0, "p50_us": 0, "p90_us": 0, "mean_us": 0.0}  # fields these tests skip
LOAD = {"tool": "wrk", "threads": 1, "connections": 16, "seconds": 6.0, "warm_up_s": 2.0, "rounds": 3}


def measured(target: str, endpoint: str, rps: float, cpu: dict, round_number: int = 1) -> Measurement:
    return Measurement(
        target=target,
        endpoint=endpoint,
        round=round_number,
        rps=rps,
        p99_us=9000,
        cpu_ms=cpu,
        wrk_cpu_ms=0.05,
        wrong=0,
        non_2xx=0,
        socket_errors=0,
        **UNASSERTED,
    )


RUN = [
    *(measured("floor", "floor", rps, {"floor": 0.2}, n) for n, rps in enumerate((9000, 10000, 9500), 1)),
    measured("hop pairs", "JSON hop", 3000, {"pair-edge": 0.4, "pair-backend": 0.2}),
    measured("hop pairs", "SOAP hop", 2000, {"pair-edge": 0.6, "pair-backend": 0.4}),
    measured("monolith-postgres", "book", 2000, {"monolith": 0.6, "postgres": 0.2}),
    measured("three_tier", "book", 1000, {"presentation": 0.5, "application": 0.6, "postgres": 0.2}),
    measured("soa", "book", 700, {"bus": 0.8, "book": 0.7, "postgres": 0.2}),
]
SECOND_ROUND = [  # the floor's second round is in RUN
    measured("hop pairs", "JSON hop", 3000, {"pair-edge": 0.4, "pair-backend": 0.2}, 2),
    measured("monolith-postgres", "book", 2000, {"monolith": 0.6, "postgres": 0.2}, 2),
    measured("three_tier", "book", 1000, {"presentation": 0.7, "application": 0.6, "postgres": 0.2}, 2),
]


def test_throughput_is_the_median_of_the_rounds_with_its_spread_in_the_courses_order():
    table = rows(RUN)
    assert [r["target"] for r in table] == ["floor", "hop pairs", "hop pairs", "monolith-postgres", "three_tier", "soa"]
    floor = table[0]
    assert (floor["rps"], floor["rps_spread"], floor["rounds"]) == (9500, [9000, 10000], 3)
    assert floor_share(table, table[3]) == 2000 / 9500


def test_a_hop_is_priced_against_the_bare_pair_of_its_kind():
    prices = {p["what"]: p for p in hop_prices(rows(RUN))}
    json_hop, soap_hop = prices["bare JSON hop (hop pair)"], prices["bare SOAP hop (hop pair)"]
    assert round(json_hop["hop_ms"], 3) == 0.4 and round(soap_hop["hop_ms"], 3) == 0.8
    three_tier = prices["three_tier: presentation → application (JSON hop)"]
    assert round(three_tier["hop_ms"], 3) == 0.5 and round(three_tier["ratio"], 2) == 1.25
    soa = prices["soa: bus → book provider (SOAP hop)"]
    assert round(soa["hop_ms"], 3) == 0.9 and round(soa["ratio"], 3) == 1.125
    assert not any(what.startswith("microservices") for what in prices)  # not measured: no row, no guess


def test_without_the_floor_there_is_no_share_and_no_hop_price():
    table = rows(RUN[3:])
    assert floor_share(table, table[0]) is None and hop_prices(table) == []


def test_rounds_that_left_a_worker_without_connections_are_counted_and_older_runs_are_unknown():
    split = [m.model_copy(update={"edge_split": s}) for m, s in zip(RUN[:3], ([8, 8], [16, 0], [3, 13]), strict=True)]
    assert rows(split)[0]["idle_worker_rounds"] == 1
    assert rows(RUN[:3])[0]["idle_worker_rounds"] is None  # measured before the split was recorded


def test_each_round_is_also_priced_on_its_own_to_show_how_far_one_round_strays():
    by_round = hop_prices_by_round([*RUN, *SECOND_ROUND])
    three_tier = by_round["three_tier: presentation → application (JSON hop)"]
    assert [round(p["ratio"], 2) for p in three_tier] == [1.25, 1.75]
    assert round_range(three_tier, "ratio") == "1.25–1.75" and round_range(three_tier, "hop_ms") == "0.50–0.70"
    assert len(by_round["soa: bus → book provider (SOAP hop)"]) == 1  # measured in the first round only
    assert "round by round 1.25–1.75" in text_table([*RUN, *SECOND_ROUND])


def test_the_reports_hop_table_shows_the_medians_ratio_beside_the_rounds_spread():
    table = hops(micro_record(load=LOAD, measurements=[*RUN, *SECOND_ROUND]))
    three_tier = next(row for row in table.rows if row[0].startswith("three_tier"))
    assert three_tier[1:] == [pytest.approx(0.6), "0.50–0.70", pytest.approx(0.4), 1.5, "1.25–1.75"]
    bare = next(row for row in table.rows if row[0] == "bare JSON hop (hop pair)")
    assert bare[-1] == ""  # a bare hop is the yardstick, not priced against itself


def micro_record(**fields) -> MicroRecord:
    environment = ("git_commit", "git_dirty", "date", "machine", "python", "packages")
    return MicroRecord(**{name: RUN_FIELDS[name] for name in environment}, **fields)


def test_micro_json_is_read_back_as_written_and_its_load_is_named_in_the_table(tmp_path):
    run = micro_record(load=LOAD, measurements=RUN)
    (tmp_path / "micro").mkdir()
    write_record(tmp_path / "micro" / "micro.json", run)

    assert load_micro(tmp_path) == run
    assert table(load_micro(tmp_path)).note.startswith("wrk -t1 -c16, 6.0 s measured after 2.0 s, 3 rounds")


def test_no_micro_json_is_no_micro_bench_and_an_old_one_without_its_fields_is_named(tmp_path, capsys):
    assert load_micro(tmp_path) is None
    (tmp_path / "micro").mkdir()
    (tmp_path / "micro" / "micro.json").write_text(json.dumps({"measurements": []}))

    assert load_micro(tmp_path) is None
    assert f"skipping {tmp_path / 'micro'}: micro.json has no schema version" in capsys.readouterr().out
