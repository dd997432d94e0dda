"""A CAP run's run.json goes through CapRecord: summarised from the run, written, read back into the report."""

import json
from types import SimpleNamespace

from lab.cap.experiment import DEFAULT_TIMING
from lab.cap.outcome import summarise
from lab.records import write_record
from lab.report import cap_section
from tests.unit.test_fault_records import VERDICT

BROWSE = "GET /api/books/[id]"


def keep(results, mode: str, browse_b_during: tuple[int, int]):
    """A run cut at second 110 and healed at 120: site B browses as given while cut off, fine otherwise."""
    out = results / "cap" / "three_tier" / mode
    (out / "staleness").mkdir(parents=True)
    seconds = {
        str(s): {f"{BROWSE} @A": [10, 0], f"{BROWSE} @B": list(browse_b_during if 110 <= s < 120 else (10, 0))}
        for s in range(100, 130)
    }
    (out / "timeline.json").write_text(json.dumps({"seconds": seconds, "confirmed_orders": []}))
    run = SimpleNamespace(architecture="three_tier", mode=mode, users=20, out=out, lag=[(115.0, 4000.0, 512)])
    record = summarise(run, DEFAULT_TIMING, 110.0, 120.0, 123.0, VERDICT)
    write_record(out / "run.json", record)
    return record


def test_cap_runs_are_read_back_as_written_and_the_table_shows_what_site_b_kept(tmp_path):
    cp, ap = keep(tmp_path, "CP", (0, 10)), keep(tmp_path, "AP", (10, 0))

    found = cap_section.load_cap(tmp_path)

    assert found["three_tier"]["CP"][0] == cp and found["three_tier"]["AP"][0] == ap
    rows = cap_section.table(found).rows
    assert [row[:3] for row in rows] == [["three_tier", "CP", "0%"], ["three_tier", "AP", "100%"]]
    assert rows[0][9] == 4.0 and rows[0][10] == 3.0  # behind 4 s at most; caught up 3 s after the heal
    assert "served 0% of browsing while cut off in CP mode and 100% in AP mode" in cap_section.intro(found)
    assert [figure.path.name for figure in cap_section.figures(found, tmp_path)] == [
        "cap_three_tier_CP.png",
        "cap_three_tier_AP.png",
    ]


def test_a_cap_run_from_before_the_schema_without_its_fields_is_skipped_and_named(tmp_path, capsys):
    out = tmp_path / "cap" / "three_tier" / "CP"
    out.mkdir(parents=True)
    (out / "run.json").write_text(json.dumps({"architecture": "three_tier", "mode": "CP"}))
    (out / "timeline.json").write_text(json.dumps({"seconds": {}}))

    assert cap_section.load_cap(tmp_path) == {}
    assert f"skipping {out}: run.json has no schema version" in capsys.readouterr().out
