"""The cluster model: demands from up-1's light step, capacities and bottlenecks, replicas, the USL fit."""

import pytest

from lab.model.cluster import rows
from lab.model.cluster_demands import ClusterCalibration, calibrate, machine_demands
from lab.model.cluster_summary import stops, summary, usl
from lab.model.usl import TooFewPoints, fit, throughput
from tests.cluster_runs import cluster_run, configuration, write_cluster_runs
from tests.run_records import run_record

THREE_TIER = {"presentation": 0.002, "application": 0.004, "postgres": 0.006, "balancer": 0.0005}
MICROSERVICES = {
    "frontend": 0.001,
    "gateway": 0.002,
    "accounts": 0.001,
    "catalog": 0.003,
    "orders": 0.001,
    "shipping": 0.0005,
    "postgres": 0.004,
    "balancer": 0.0006,
}
QUOTAS = {"presentation": 0.08, "application": 0.08, "postgres": 0.3, "balancer": 0.15}


def machine(runs: str, cpus: float) -> dict:
    return {
        "runs": runs,
        "cpus": cpus,
        "cpu_s": 0,
        "periods": 0,
        "throttled_periods": 0,
        "throttled_s": 0,
        "busy_share": 0,
    }


def up_1_by_hand(**more):
    """600 requests in 20 s at 40 users, 150 ms each; every machine burns 0.002 cores idle (0.04 CPU s)."""
    return run_record(
        architecture="three_tier",
        label="three_tier",
        idle_cpu_share=dict.fromkeys(QUOTAS, 0.002),
        steps=[
            {
                "users": 40,
                "seconds": 20.0,
                "requests": 600,
                "throughput_rps": 30.0,
                "latency_ms": {"mean": 150.0},
                # 600 × demand + 0.04 idle; the load generator is no machine
                "cpu_seconds": {
                    "presentation": 1.24,
                    "application": 2.44,
                    "postgres": 3.64,
                    "balancer": 0.34,
                    "locust": 9.0,
                },
            },
            {"users": 80, "seconds": 20.0, "requests": 1000, "throughput_rps": 50.0, "cpu_seconds": {"postgres": 99}},
        ],
        cluster={
            "mode": "up",
            "n": 1,
            "machine_cpus": 0.08,
            "scaled": ["application", "presentation"],
            "machines": {name: machine(name, cpus) for name, cpus in QUOTAS.items()},
        },
        **more,
    )


def by_hand(read_share: float | None = 0.9) -> ClusterCalibration:
    return ClusterCalibration("three_tier", 40, 1.0, 0.0, THREE_TIER, read_share)


def test_demands_are_the_first_steps_cpu_less_idle_per_request_and_think_time_what_the_response_leaves():
    calibration = calibrate(up_1_by_hand())

    assert calibration.demands_s == pytest.approx(THREE_TIER)
    assert calibration.users == 40
    assert calibration.think_s == pytest.approx(40 / 30 - 0.150)
    service_s = 0.002 / 0.08 + 0.004 / 0.08 + 0.006 / 0.3 + 0.0005 / 0.15
    assert 0 <= calibration.delay_s <= 0.150 - service_s


def test_a_machine_missing_from_the_steps_process_groups_is_read_from_its_cgroup():
    run = up_1_by_hand()
    step = run.steps[0]
    del step.cpu_seconds["balancer"]
    step.machines = {"balancer": run.cluster.machines["balancer"].model_copy(update={"cpu_s": 0.34})}

    assert calibrate(run).demands_s["balancer"] == pytest.approx(0.0005)


def test_reads_the_replicas_take_are_the_requests_that_do_not_write():
    endpoints = [{"method": "GET", "requests": 540}, {"method": "POST", "requests": 60}]

    calibration = calibrate(up_1_by_hand(endpoints=endpoints, totals={"requests": 600}))

    assert calibration.read_share == pytest.approx(0.9)
    assert calibrate(up_1_by_hand()).read_share is None  # no endpoints: reads cannot be told from writes


def test_services_with_databases_of_their_own_move_only_the_readers_part_to_the_replicas():
    run = cluster_run("microservices", configuration("up-1"), MICROSERVICES)

    share = calibrate(run).read_share

    services = sum(MICROSERVICES[name] for name in ("accounts", "catalog", "orders", "shipping"))
    assert share == pytest.approx(0.9 * MICROSERVICES["catalog"] / services, rel=1e-3)


def test_copies_share_their_components_demand_and_the_others_keep_theirs():
    names = ["presentation-1", "presentation-2", "application-1", "application-2", "postgres", "balancer"]

    demands = machine_demands(by_hand(), names)

    assert demands == pytest.approx(
        {
            "presentation-1": 0.001,
            "presentation-2": 0.001,
            "application-1": 0.002,
            "application-2": 0.002,
            "postgres": 0.006,
            "balancer": 0.0005,
        }
    )


def test_replicas_split_the_reads_evenly_and_the_primary_keeps_the_writes():
    names = ["application-1", "application-2", "presentation-1", "presentation-2", "postgres", "balancer"]

    demands = machine_demands(by_hand(0.9), names + ["postgres-replica-1", "postgres-replica-2"])

    assert demands["postgres"] == pytest.approx(0.006 * 0.1)
    assert demands["postgres-replica-1"] == demands["postgres-replica-2"] == pytest.approx(0.006 * 0.9 / 2)
    with pytest.raises(ValueError, match="reads cannot be told from writes"):
        machine_demands(by_hand(None), names + ["postgres-replica-1"])
    assert machine_demands(by_hand(None), names)["postgres"] == 0.006  # without replicas nothing moves


def test_a_machine_the_calibration_never_saw_is_refused_by_name():
    with pytest.raises(ValueError, match="no catalog, which machine catalog-1 runs"):
        machine_demands(by_hand(), ["catalog-1"])


def test_the_prediction_is_the_slowest_machines_ceiling_and_names_it():
    # out-2: each application copy 0.002 s on 0.08 cores = 40 req/s; postgres 0.006 s on 0.3 = 50 req/s
    runs = {name: cluster_run("three_tier", configuration(name), THREE_TIER) for name in ("up-1", "out-2", "out-4")}

    found = {row.configuration: row for row in rows(runs)}

    assert found["out-2"].predicted_rps == pytest.approx(40)
    assert found["out-2"].predicted_bottleneck == "application-1"
    assert found["out-4"].predicted_rps == pytest.approx(50)
    assert found["out-4"].predicted_bottleneck == "postgres"
    assert found["up-1"].predicted_rps == pytest.approx(20)
    assert found["out-4"].predicted_speedup == pytest.approx(2.5)


def test_a_model_calibrated_on_up_1_alone_predicts_every_configuration_the_fixture_measures():
    names = ["out-8", "up-2", "out-2", "up-1", "out-4", "up-4", "out-2-r1"]
    runs = {name: cluster_run("three_tier", configuration(name), THREE_TIER, reached=0.9) for name in names}

    found = rows(runs)

    assert [row.configuration for row in found] == ["up-1", "up-2", "up-4", "out-2", "out-4", "out-8", "out-2-r1"]
    for row in found:
        assert row.same_bottleneck, row
        assert row.error_percent == pytest.approx(100 / 0.9 - 100, abs=0.5), row  # the run stopped at 90 %
        assert row.mva_rps <= row.predicted_rps * (1 + 1e-9)
    assert found[0].speedup == 1.0 and found[0].machines == 4 and found[0].cores == pytest.approx(0.61)


def test_without_up_1_every_configuration_is_still_a_row_but_nothing_is_predicted():
    runs = {name: cluster_run("three_tier", configuration(name), THREE_TIER) for name in ("out-2", "out-4")}

    found = rows(runs)

    assert [row.configuration for row in found] == ["out-2", "out-4"]
    assert all(row.capacity_rps and row.predicted_rps is None and row.speedup is None for row in found)


def test_the_usl_fit_recovers_known_contention_and_coherency():
    points = [(n, throughput(n, 120.0, 0.05, 0.02)) for n in (1, 2, 4, 8)]

    found = fit(points)

    assert (found.lam, found.sigma, found.kappa) == pytest.approx((120.0, 0.05, 0.02), rel=1e-5)
    assert found.peak_n == pytest.approx(((1 - 0.05) / 0.02) ** 0.5, rel=1e-4)
    assert found.residual_rps < 1e-6 and found.points == 4


def test_the_usl_finds_no_peak_where_copies_never_cost_each_other():
    found = fit([(n, throughput(n, 50.0, 0.2, 0.0)) for n in (1, 2, 4, 8)])

    assert found.sigma == pytest.approx(0.2, rel=1e-4) and found.peak_n is None


def test_the_usl_refuses_fewer_than_three_points():
    with pytest.raises(TooFewPoints, match="at least 3"):
        fit([(1, 20.0), (2, 38.0), (2, 39.0)])
    runs = {name: cluster_run("three_tier", configuration(name), THREE_TIER) for name in ("up-1", "out-2")}
    assert usl(rows(runs)).startswith("no fit: 2 point")


def test_scaling_stops_at_the_first_configuration_short_of_its_ideal_and_names_its_bottleneck():
    names = ("up-1", "up-2", "up-4", "out-2", "out-4", "out-8")
    runs = {name: cluster_run("three_tier", configuration(name), THREE_TIER) for name in names}

    sentences = stops(rows(runs))

    # up-4 and out-4 reach 50 req/s, 2.5× the 20 of one machine: more than 25 % short of 4×, held by postgres
    assert sentences == [
        "Scaling up stops at up-4: 2.5× against an ideal 4×; the bottleneck is postgres, the single database primary.",
        "Scaling out stops at out-4: 2.5× against an ideal 4×; the bottleneck is postgres, the single database "
        "primary.",
    ]


def test_the_summary_prints_each_architectures_table_and_its_usl(tmp_path):
    names = ("up-1", "out-2", "out-4", "out-8")
    write_cluster_runs(
        tmp_path, "three_tier", {n: cluster_run("three_tier", configuration(n), THREE_TIER) for n in names}
    )
    (tmp_path / "soa" / "cluster" / "out-2").mkdir(parents=True)
    (tmp_path / "soa" / "cluster" / "out-2" / "run.json").write_text("{")  # unreadable: skipped

    text = summary(tmp_path)

    assert "### three_tier" in text and "soa" not in text
    assert "| configuration | machines | cores | capacity | speed-up | bottleneck | predicted | error |" in text
    assert "| out-4 | 10 | 1.09 | 50.0 | 2.50× | postgres | 50.0 | +0% | postgres |" in text
    assert "USL: σ = " in text and "over 4 points" in text
    assert summary(tmp_path / "nothing").startswith("No cluster run under")
