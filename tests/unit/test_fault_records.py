"""A fault run's run.json goes through FaultRecord: written from the outcome, read back into the report's table."""

import json
from dataclasses import asdict

from lab.chaos.availability import summary
from lab.chaos.experiment import DEFAULT_TIMING
from lab.records import FaultRecord, write_record
from lab.report import fault_section
from tests.unit.test_fault_outcomes import OUTAGE, PHASES

VERDICT = {
    "passed": True,
    "problems": [],
    "problem_count": 0,
    "orders_answered_201": 8,
    "orders_by_status": {"confirmed": 8},
    "architecture_checks": [],
    "consistent_after_s": 0.0,
}


def keep(results, part: str, started_at: float) -> FaultRecord:
    outcome = FaultRecord(
        architecture="soa",
        part=part,
        users=100,
        timing=asdict(DEFAULT_TIMING),
        phases=asdict(PHASES),
        started_at=started_at,
        **summary(OUTAGE | {"failure_reasons": {"GET /api/books/[id]": {"503": 50}}}, PHASES),
        data_check=VERDICT,
    )
    out = results / "chaos" / "soa" / part
    out.mkdir(parents=True)
    write_record(out / "run.json", outcome)
    (out / "timeline.json").write_text(json.dumps(OUTAGE))
    return outcome


def test_fault_runs_are_read_back_as_written_in_the_order_they_ran(tmp_path):
    later, earlier = keep(tmp_path, "bus", 2.0), keep(tmp_path, "registry", 1.0)

    found = fault_section.load_faults(tmp_path)

    assert [run for run, _ in found["soa"]] == [earlier, later]
    assert found["soa"][0][1] == OUTAGE
    rows = fault_section.table(found).rows
    assert [row[1] for row in rows] == ["registry", "bus"] and rows[0][-1] == "passed"
    assert [figure.path.name for figure in fault_section.figures(found, tmp_path)] == ["faults_soa.png"]


def test_a_fault_run_from_before_the_schema_without_its_fields_is_skipped_and_named(tmp_path, capsys):
    out = tmp_path / "chaos" / "soa" / "bus"
    out.mkdir(parents=True)
    (out / "run.json").write_text(json.dumps({"architecture": "soa", "part": "bus"}))
    (out / "timeline.json").write_text(json.dumps(OUTAGE))

    assert fault_section.load_faults(tmp_path) == {}
    assert f"skipping {out}: run.json has no schema version" in capsys.readouterr().out
