"""What cannot scale out, as the projection tells the capacity search: SQLite, database primaries, the rest."""

import pytest

from lab.model.calibration import Calibration
from lab.model.projection import MAX_CORES_ONE_MACHINE, capacity_plans, scaling_paths, tiers, write_lock_demand_s
from lab.report.replica_section import primary_cores
from tests.run_records import run_record


def calibration(label, demands, think_s=3.0):
    return Calibration(label, "users-1000", 1000, 2, think_s, 0.0005, demands, 0.0004, 0.0)


RUN = run_record(
    totals={"requests": 1000},
    endpoints=[
        {"method": "GET", "name": "/api/books", "requests": 900, "latency_ms": {"mean": 3.0}},
        {"method": "POST", "name": "/api/orders", "requests": 100, "latency_ms": {"mean": 10.0}},
    ],
)


def test_sqlites_write_lock_is_held_for_the_mean_time_of_write_requests():
    assert write_lock_demand_s(RUN) == pytest.approx(100 * 0.010 / 1000)


def test_the_monolith_on_sqlite_cannot_leave_its_machine_and_its_writes_take_turns():
    found = {t.name: t for t in tiers(calibration("monolith", {"monolith": 0.002}), RUN, "sqlite")}
    assert found["monolith"].max_replicas == 1 and found["monolith"].max_cores_per_replica == MAX_CORES_ONE_MACHINE
    assert found["sqlite write lock"].serial


def test_a_postgresql_primary_scales_up_only_and_the_rest_scales_out():
    found = {
        t.name: t for t in tiers(calibration("three_tier", {"application": 0.002, "postgres": 0.001}), RUN, "postgres")
    }
    assert found["application"].max_replicas is None
    assert found["postgres"].max_replicas == 1


def test_each_microservice_has_its_own_primary_sharing_the_measured_database_cpu():
    demands = {"gateway": 0.001, "catalog": 0.003, "orders": 0.001, "postgres": 0.002}
    found = {t.name: t for t in tiers(calibration("microservices", demands), RUN, "postgres")}
    assert found["postgres (catalog)"].demand_s == pytest.approx(0.0015)
    assert found["postgres (orders)"].demand_s == pytest.approx(0.0005)
    assert "postgres (gateway)" not in found


def test_a_million_users_outgrow_one_primary_and_the_plan_says_what_a_split_database_would_need():
    plans = capacity_plans(calibration("three_tier", {"application": 0.002, "postgres": 0.001}), RUN, "postgres")
    million = plans[-1]
    assert million["users"] == 1_000_000 and not million["feasible"]
    assert million["limit"].startswith("postgres")
    assert million["cores_if_database_split"] > million["total_cores"]
    assert plans[0]["feasible"] and plans[0]["cores_if_database_split"] is None


def test_scaling_out_ends_at_the_primary_and_scaling_up_at_the_biggest_machine():
    paths = scaling_paths(calibration("three_tier", {"application": 0.002, "postgres": 0.001}), RUN, "postgres")
    assert paths["up_rps"] == pytest.approx(MAX_CORES_ONE_MACHINE / 0.003)
    assert paths["out_rps"] == pytest.approx(MAX_CORES_ONE_MACHINE / 0.001) and paths["out_limit"] == "postgres"
    assert paths["out_users"] == pytest.approx(paths["out_rps"] * (3.0 + 0.2))


def test_on_sqlite_both_paths_end_at_the_write_lock():
    paths = scaling_paths(calibration("monolith", {"monolith": 0.0001}), RUN, "sqlite")
    assert paths["up_rps"] == paths["out_rps"] == pytest.approx(1 / 0.001)
    assert paths["out_limit"] == "sqlite write lock"


def test_replicas_scale_out_while_the_primary_keeps_the_writes_and_fresh_reads():
    demands = {"application": 0.002, "postgres": 0.0004, "postgres-replica": 0.0006}
    found = {t.name: t for t in tiers(calibration("three_tier", demands), RUN, "postgres")}
    assert found["postgres replicas"].max_replicas is None and found["postgres replicas"].cores_per_replica == 8
    assert found["postgres"].max_replicas == 1 and found["postgres"].demand_s == pytest.approx(0.0004)


def test_with_replicas_a_million_users_need_fewer_primary_cores_and_the_limit_gives_the_writes_per_second():
    without = capacity_plans(calibration("three_tier", {"application": 0.002, "postgres": 0.002}), RUN, "postgres")
    replicated = {"application": 0.002, "postgres": 0.0012, "postgres-replica": 0.0008}
    plans = capacity_plans(calibration("three_tier", replicated), RUN, "postgres")
    assert plans[-1]["limit"].startswith("postgres") and not plans[-1]["feasible"]
    ceiling = MAX_CORES_ONE_MACHINE / 0.0012
    assert f"tops out at {ceiling:,.0f} req/s" in plans[-1]["limit"]
    assert f"{ceiling * 0.1:,.0f} writes/s" in plans[-1]["limit"]  # RUN writes one request in ten
    assert plans[1]["replicas"]["postgres replicas"] >= 1 and plans[1]["feasible"]
    assert without[-1]["limit"] != plans[-1]["limit"]


def test_the_primary_cores_of_a_plan_leave_out_its_replicas_and_add_up_each_services_primary():
    replicated = {"application": 0.002, "postgres": 0.0002, "postgres-replica": 0.0008}
    cores = capacity_plans(calibration("three_tier", replicated), RUN, "postgres")[2]["cores"]
    assert primary_cores(cores) == cores["postgres"] < cores["postgres replicas"]
    services = {"gateway": 0.001, "catalog": 0.003, "orders": 0.001, "postgres": 0.002}
    cores = capacity_plans(calibration("microservices", services), RUN, "postgres")[1]["cores"]
    assert primary_cores(cores) == cores["postgres (catalog)"] + cores["postgres (orders)"]
