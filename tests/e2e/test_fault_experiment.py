"""The fault experiment in miniature: a real part stopped under real load, the outage seen, nothing lost, charted."""

import json
import re

import pytest

from lab.chaos.experiment import Timing, run_fault
from lab.report.build import build_report

SHORT = Timing(warm_s=4, before_s=4, down_s=5, after_s=8)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Two short faults: the three-tier application tier, then the monolith's PostgreSQL server."""
    folder = tmp_path_factory.mktemp("results")
    run_fault("three_tier", None, "application", folder / "chaos", SHORT, users=30)
    run_fault("monolith", "postgres", "database", folder / "chaos", SHORT, users=30)
    return folder


def outcome(results, label: str, part: str) -> dict:
    return json.loads((results / "chaos" / label / part / "run.json").read_text())


def assert_recovered(run: dict) -> None:
    """Service came back (however long a busy machine took to get there), and stayed back."""
    assert run["recovery_s"] is not None, (run["phases"], run["succeeded_after"], run["failure_reasons"])
    assert run["succeeded_after_recovery"] >= 0.95


def test_stopping_the_application_tier_fails_requests_until_it_is_back(results):
    run = outcome(results, "three_tier", "application")
    assert run["succeeded_before"] > 0.95
    assert run["succeeded_while_down"] < 0.5  # every request needs the application tier
    assert_recovered(run)
    reasons = " ".join(" ".join(found) for found in run["failure_reasons"].values())
    assert "503" in reasons  # the presentation tier said so, rather than hanging


@pytest.mark.parametrize(("label", "part"), [("three_tier", "application"), ("monolith-postgres", "database")])
def test_nothing_is_lost_when_a_part_stops_under_load(results, label, part):
    check = outcome(results, label, part)["data_check"]
    assert check["passed"], check["problems"]
    assert sum(check["orders_by_status"].values()) >= check["orders_answered_201"]


def test_the_monolith_answers_503_while_its_database_is_down_and_serves_again_after(results):
    run = outcome(results, "monolith-postgres", "database")
    assert run["succeeded_while_down"] < 0.5
    assert_recovered(run)
    reasons = {reason for found in run["failure_reasons"].values() for reason in found}
    assert reasons and all("503" in reason for reason in reasons), reasons  # an outage, never a crash (500)


def test_the_report_charts_each_fault_and_tables_its_outcome(results):
    page = build_report(results).read_text()
    for label in ("three_tier", "monolith-postgres"):
        assert (results / f"faults_{label}.png").read_bytes().startswith(PNG_MAGIC)
    assert "Faults: what still succeeded while one component was down" in page
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    assert "application" in cells and "database" in cells and "passed" in cells
