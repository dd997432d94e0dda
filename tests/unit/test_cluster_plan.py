"""Cluster configurations, their machines and the check that they fit in the cores."""

import pytest

from lab.cluster.bench import profile
from lab.cluster.plan import Configuration, configuration_named, machines, misfit, sizes
from lab.settings import ClusterSettings

SETTINGS = ClusterSettings(machine_cpus=0.1, database_cpus=0.3, balancer_cpus=0.2, loadgen_cpus=0.5)
THREE_TIER = ["presentation", "application"]


def test_scale_out_copies_each_scaled_component_onto_machines_of_one_size():
    planned = machines(THREE_TIER, ("application",), Configuration("out", 3), SETTINGS)
    assert [(m.name, m.runs, m.cpus) for m in planned] == [
        ("presentation", "presentation", 0.1),
        ("application-1", "application", 0.1),
        ("application-2", "application", 0.1),
        ("application-3", "application", 0.1),
        ("postgres", "postgres", 0.3),
        ("balancer", "balancer", 0.2),
    ]


def test_scale_up_gives_one_machine_n_times_the_size_and_replicas_machines_of_their_own():
    planned = {m.name: m.cpus for m in machines(THREE_TIER, ("application",), Configuration("up", 4, 2), SETTINGS)}
    assert planned == {
        "presentation": 0.1,
        "application": 0.4,
        "postgres": 0.3,
        "postgres-replica-1": 0.3,
        "postgres-replica-2": 0.3,
        "balancer": 0.2,
    }


def test_sizes_per_component_override_the_defaults_and_bad_ones_are_refused():
    settings = ClusterSettings(machine_sizes="postgres=0.5, presentation=0.25")
    planned = {m.name: m.cpus for m in machines(THREE_TIER, ("application",), Configuration("out", 1), settings)}
    assert planned["postgres"] == 0.5 and planned["presentation"] == 0.25
    with pytest.raises(ValueError, match="MACHINE_SIZES"):
        sizes(ClusterSettings(machine_sizes="postgres=lots"))
    with pytest.raises(ValueError, match="does not run"):
        machines(THREE_TIER, ("application",), Configuration("out", 1), ClusterSettings(machine_sizes="bus=0.2"))


def test_a_plan_that_does_not_fit_is_refused_with_its_sum():
    planned = machines(THREE_TIER, ("application", "presentation"), Configuration("out", 8), SETTINGS)
    assert misfit(planned, SETTINGS, available=4) is None
    why = misfit(planned, SETTINGS, available=2)
    assert "18 machines need 2.10 cores" in why and "2 cores leave 1.50" in why and "0.3 (postgres)" in why


@pytest.mark.parametrize(
    ("name", "expected"),
    [("up-2", Configuration("up", 2)), ("out-4", Configuration("out", 4)), ("out-4-r1", Configuration("out", 4, 1))],
)
def test_configuration_names_read_back(name, expected):
    assert configuration_named(name) == expected and expected.name == name


@pytest.mark.parametrize("name", ["sideways-2", "out", "out-x", "out-2-x1", "out-0", "out-2-r1-r2"])
def test_unknown_configurations_are_refused(name):
    with pytest.raises(ValueError, match="up-N, out-N or out-N-rK"):
        configuration_named(name)


def test_the_staircase_grows_with_the_machines():
    settings = ClusterSettings(cluster_steps="10,20,30")
    assert profile(Configuration("out", 4), settings).steps == (40, 80, 120)
    assert profile(Configuration("up", 2), settings).steps == (20, 40, 60)


def test_without_root_the_cluster_bench_refuses_before_anything_starts(monkeypatch):
    from lab.cluster import bench, cgroups

    monkeypatch.setattr(cgroups.os, "geteuid", lambda: 1000)
    with pytest.raises(ValueError, match="cannot run here: .*only root can make"):
        bench.cluster_tasks(["three_tier"])


def test_the_cluster_staircase_carries_its_own_saturation_limit_to_locust():
    from lab.load.generator import locust_environment
    from loadtests.profiles import get_profile

    cluster = profile(Configuration("out", 2), ClusterSettings(cluster_p95_limit_ms=4000))
    assert locust_environment(cluster, None)["LAB_P95_LIMIT_MS"] == "4000.0"
    assert "LAB_P95_LIMIT_MS" not in locust_environment(get_profile("users-100"), None)
