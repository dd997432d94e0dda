"""The micro-bench's price of the signed proof: measured in process, recorded, shown (never judged by time)."""

from lab.bench.micro import proof_cost
from lab.records import write_record
from lab.report.micro_section import load_micro, proof
from tests.unit.test_micro_summary import LOAD, RUN, micro_record

FIGURES = ("sign_cold_us", "verify_cold_us", "sign_warm_us", "verify_warm_us")


def test_signing_and_verifying_are_priced_cold_and_cached_in_microseconds():
    cost = proof_cost.measure(operations=50, repeats=3)
    assert (cost.operations, cost.repeats) == (50, 3)
    assert all(getattr(cost, figure) > 0 for figure in FIGURES)
    assert "sign" in proof_cost.text(cost) and "verify" in proof_cost.text(cost)


def test_the_price_is_kept_in_micro_json_and_shown_in_the_reports_micro_section(tmp_path):
    cost = proof_cost.measure(operations=20, repeats=1)
    (tmp_path / "micro").mkdir()
    write_record(tmp_path / "micro" / "micro.json", micro_record(load=LOAD, measurements=RUN, proof=cost))

    shown = proof(load_micro(tmp_path))
    assert [row[0] for row in shown.rows] == ["sign (the caller)", "verify (the callee)"]
    assert all(isinstance(cell, float) and cell > 0 for row in shown.rows for cell in row[1:])
    assert f"{cost.sign_cold_us + cost.verify_cold_us:.0f} µs cold" in shown.note


def test_a_run_from_before_the_proof_was_priced_shows_no_figure():
    shown = proof(micro_record(load=LOAD, measurements=RUN))
    assert shown.rows == [] and shown.note.startswith("Run make bench-micro")
