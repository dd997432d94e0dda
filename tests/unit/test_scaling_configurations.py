"""Scaling a component up (workers) or out (instances) changes only that component's description."""

import pytest

from lab.bench.scaling import CONFIGURATIONS, instances_and_workers, scaling_folder
from lab.launch.architectures import check_choice, describe
from lab.launch.network import LocalNetwork, PlannedNetwork
from lab.launch.ports import free_port
from topology import registry


def test_scaling_up_adds_workers_to_one_instance_and_scaling_out_adds_instances():
    assert instances_and_workers("up", 4) == (1, 4)
    assert instances_and_workers("out", 4) == (4, 1)
    with pytest.raises(ValueError):
        instances_and_workers("sideways", 2)


def test_both_paths_are_run_at_one_two_and_four():
    assert sorted(n for mode, n in CONFIGURATIONS if mode == "up") == [1, 2, 4]
    assert sorted(n for mode, n in CONFIGURATIONS if mode == "out") == [2, 4]  # out-1 is up-1


@pytest.mark.parametrize("architecture", registry.names())
def test_each_architecture_scales_a_component_it_has_and_leaves_the_others_alone(architecture):
    database = check_choice(architecture, None)
    described = describe(architecture, PlannedNetwork(), "postgresql://nowhere/db", database)
    scalable = registry.declared(architecture).scalable
    scaled = described.scaled(scalable, replicas=4, workers=1)
    changed = [c for c, before in zip(scaled.components, described.components, strict=True) if c != before]
    assert [c.name for c in changed] == [scalable]
    assert changed[0].replicas == 4 and changed[0].workers == 1
    assert changed[0].environment()["REUSE_PORT"] == "1"


def test_scaling_a_component_the_architecture_lacks_is_refused():
    described = describe("monolith", PlannedNetwork(), "sqlite:///x", "sqlite")
    with pytest.raises(KeyError, match="no component 'bus'"):
        described.scaled("bus", 2, 1)


def test_scaling_results_sit_beside_the_architectures_other_results(tmp_path):
    assert scaling_folder(tmp_path, "soa", "out", 2) == tmp_path / "soa" / "scaling" / "out-2"


def test_the_floor_is_a_reference_server_without_a_database():
    assert check_choice("floor", None) == "none"
    floor = describe("floor", PlannedNetwork(), "", "none")
    assert [c.name for c in floor.components] == ["floor"] and floor.prepare == []


def test_on_this_machine_the_edge_keeps_its_port_and_the_others_follow_it_where_free():
    described = describe("soa", LocalNetwork(free_port()), "postgresql://nowhere/db", "postgres")
    edge = next(c.port for c in described.components if c.name == described.edge)
    providers = sorted(c.port for c in described.components if c.name != described.edge)
    assert len(set(providers)) == 4 and edge not in providers
    assert providers[0] == edge + 1  # free_port() hands out ports whose next one is free too
