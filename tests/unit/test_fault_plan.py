"""`make chaos-<arch>` plans one fault per part of the architecture, the database included where it is a server."""

import pytest

from lab.chaos.tasks import chaos_tasks, every_architecture, planned_parts


def test_each_architecture_can_lose_each_of_its_processes_and_its_database_server():
    assert planned_parts("monolith", None) == ["monolith"]  # SQLite lives inside the monolith's process
    assert planned_parts("monolith", "postgres") == ["monolith", "database"]
    assert planned_parts("three_tier", None) == ["application", "presentation", "database"]
    assert planned_parts("soa", None) == ["bus", "account", "book", "order", "shipping", "database"]
    assert set(planned_parts("microservices", None)) == {
        "gateway",
        "frontend",
        "accounts",
        "catalog",
        "orders",
        "shipping",
        "database",
    }


def test_chaos_all_plans_every_part_of_every_architecture_within_half_an_hour():
    tasks = chaos_tasks(every_architecture())
    assert len(tasks) == sum(len(planned_parts(a, d)) for a, d in every_architecture())
    assert sum(task.estimate_s for task in tasks) < 30 * 60


def test_one_named_component_is_the_only_fault_planned():
    assert [task.title for task in chaos_tasks([("soa", None)], "bus")] == ["soa: stop bus"]


def test_a_component_the_architecture_does_not_have_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose one of: bus, account"):
        chaos_tasks([("soa", None)], "gateway")
