"""The bench with a data tier scaled out: replicas serve reads, count in the CPU, and their price is recorded."""

import json

import pytest

from lab.bench.measure import run_profile
from lab.report.build import build_report
from loadtests.profiles import Profile
from topology import registry

SETTINGS = {
    "three_tier": {"PG_REPLICAS": "1", "READS": "replica"},
    "microservices": {"REPLICAS_DB_CATALOG": "1", "READS": "bounded", "MAX_STALENESS_MS": "1000"},
}


def tiny(name: str, users: int) -> Profile:
    return Profile(name, users=users, spawn_rate=30, warmup_s=3, duration_s=10, description="e2e")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """three_tier without replicas (users-100), then each architecture with a replica (users-100 and users-1000)."""
    folder = tmp_path_factory.mktemp("results")
    run_profile("three_tier", None, tiny("users-100", 30), folder)
    for architecture, settings in SETTINGS.items():
        with pytest.MonkeyPatch.context() as patch:
            for name, value in settings.items():
                patch.setenv(name, value)
            for profile in (tiny("users-100", 30), tiny("users-1000", 60)):
                run_profile(architecture, None, profile, folder)
    return folder


@pytest.mark.parametrize("architecture", SETTINGS)
def test_a_run_with_a_replica_has_no_failure_and_records_its_cpu_lag_and_stale_reads(results, architecture):
    mode, reader = SETTINGS[architecture]["READS"], registry.declared(architecture).replica_reads.reader
    run = json.loads((results / f"{architecture}-r1-{mode}" / "users-1000" / "run.json").read_text())
    assert run["totals"]["requests"] > 0 and run["totals"]["failures"] == 0
    assert run["cpu_seconds"]["postgres-replica-1"] > 0 and run["cpu_seconds"][reader] > 0
    replication = run["replication"]
    assert replication["replicas"] == 1 and replication["reads"] == mode
    assert replication["lag_series"] and replication["lag_ms"]["max"] is not None
    assert replication["work"]["postgres-replica-1"]["transactions"] > 0  # the replica answered reads
    stale = run["stale_reads"]
    assert stale["reads_checked"] > 0 and stale["stale_per_1000_reads"] is not None


def test_the_report_puts_the_modes_side_by_side_and_models_the_million_with_replicas(results):
    page = build_report(results).read_text()
    assert "Scaling out the data: read replicas" in page
    assert "Read modes side by side" in page and "three_tier-r1-replica" in page
    assert "three_tier-r1-replica (from three_tier)" in page  # predicted from the run without replicas
    assert "A million users with a data tier that scales out" in page
