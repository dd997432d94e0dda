"""The CAP experiment in miniature: two sites, a real partition, CP against AP, nothing lost, charted."""

import json
import os
import subprocess

import pytest

from lab.cap.experiment import CapTiming, run_cap
from lab.report.build import build_report

SHORT = CapTiming(warm_s=5, before_s=5, partition_s=10, after_s=3, converge_limit_s=120)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the CAP experiment makes network namespaces: run as root")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """three_tier in CP mode, then in AP mode, each on a fresh pair of sites."""
    folder = tmp_path_factory.mktemp("results")
    for mode in ("CP", "AP"):
        run_cap("three_tier", mode, folder / "cap", SHORT, users=40)
    return folder


def outcome(results, mode: str) -> dict:
    return json.loads((results / "cap" / "three_tier" / mode / "run.json").read_text())


@pytest.mark.parametrize("mode", ["CP", "AP"])
def test_the_partition_cut_replication_and_the_replica_caught_up_after_the_heal(results, mode):
    run = outcome(results, mode)
    assert run["replication_cut"]
    assert run["lag_during_partition"]["max_ms"] >= 1000 * SHORT.partition_s / 2  # it fell behind all along
    assert run["converge_s"] is not None


def test_site_b_kept_serving_reads_in_ap_mode_where_cp_mode_refused_them(results):
    cp, ap = (outcome(results, mode)["availability"]["B"]["partition"] for mode in ("CP", "AP"))
    assert ap["browse"] >= cp["browse"] + 0.3, (cp, ap)
    assert ap["browse"] >= 0.9  # from its replica
    refused = " ".join(outcome(results, "CP")["failure_reasons"].get("GET /api/books/[id] @B", {}))
    assert "503" in refused  # unavailable, and said so: never a wrong answer


@pytest.mark.parametrize("mode", ["CP", "AP"])
def test_site_a_with_the_primary_served_throughout_and_nothing_was_lost(results, mode):
    run = outcome(results, mode)
    assert run["availability"]["A"]["partition"]["all"] >= 0.95
    assert run["data_check"]["passed"], run["data_check"]["problems"]


def test_the_sites_are_removed_after_a_run():
    listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    assert "lab-site" not in listed


def test_the_report_shows_both_modes_with_the_table(results):
    page = build_report(results).read_text()
    for mode in ("CP", "AP"):
        assert (results / f"cap_three_tier_{mode}.png").read_bytes().startswith(PNG_MAGIC)
    assert "Is scaling out easy? The CAP trade-off, measured" in page
    assert "what each mode kept available" in page
