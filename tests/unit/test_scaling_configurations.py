"""Scaling a component up (workers) or out (instances) changes only that component's description."""

import pytest

from lab.architectures import check_choice, describe
from lab.scaling import CONFIGURATIONS, SCALABLE, instances_and_workers, scaling_folder


def test_scaling_up_adds_workers_to_one_instance_and_scaling_out_adds_instances():
    assert instances_and_workers("up", 4) == (1, 4)
    assert instances_and_workers("out", 4) == (4, 1)
    with pytest.raises(ValueError):
        instances_and_workers("sideways", 2)


def test_both_paths_are_run_at_one_two_and_four():
    assert sorted(n for mode, n in CONFIGURATIONS if mode == "up") == [1, 2, 4]
    assert sorted(n for mode, n in CONFIGURATIONS if mode == "out") == [2, 4]  # out-1 is up-1


@pytest.mark.parametrize("architecture", sorted(SCALABLE))
def test_each_architecture_scales_a_component_it_has_and_leaves_the_others_alone(architecture):
    described = describe(architecture, 18000, "postgresql://nowhere/db", check_choice(architecture, None))
    scaled = described.scaled(SCALABLE[architecture], replicas=4, workers=1)
    changed = [c for c, before in zip(scaled.components, described.components, strict=True) if c != before]
    assert [c.name for c in changed] == [SCALABLE[architecture]]
    assert changed[0].replicas == 4 and changed[0].workers == 1
    assert changed[0].environment()["REUSE_PORT"] == "1"


def test_scaling_a_component_the_architecture_lacks_is_refused():
    described = describe("monolith", 18000, "sqlite:///x", "sqlite")
    with pytest.raises(KeyError, match="no component 'bus'"):
        described.scaled("bus", 2, 1)


def test_scaling_results_sit_beside_the_architectures_other_results(tmp_path):
    assert scaling_folder(tmp_path, "soa", "out", 2) == tmp_path / "soa" / "scaling" / "out-2"


def test_the_floor_is_a_reference_server_without_a_database():
    assert check_choice("floor", None) == "none"
    floor = describe("floor", 18000, "", "none")
    assert [c.name for c in floor.components] == ["floor"] and floor.prepare == []
