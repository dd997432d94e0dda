"""Choosing an architecture and its database: defaults, and clear refusals."""

import pytest

from lab.launch.architectures import check_choice, database_replicas
from topology import registry


def test_each_architecture_runs_on_its_default_database_unless_told_otherwise():
    assert check_choice("monolith", None) == "sqlite"
    assert check_choice("monolith", "postgres") == "postgres"
    assert check_choice("three_tier", None) == "postgres"
    assert check_choice("microservices", None) == "postgres"


def test_an_architecture_refuses_a_database_it_does_not_run_on():
    with pytest.raises(ValueError, match="three_tier runs on postgres, not sqlite"):
        check_choice("three_tier", "sqlite")


def test_an_unknown_architecture_is_refused_with_the_valid_names():
    with pytest.raises(ValueError, match=f"choose one of {', '.join(registry.names())}$"):
        check_choice("serverless", None)


def test_replica_settings_give_replicas_to_postgresql_architectures_and_none_to_the_benchs_references(monkeypatch):
    monkeypatch.setenv("PG_REPLICAS", "1")  # as `make bench-three_tier PG_REPLICAS=1` leaves it for the floor run
    assert database_replicas("three_tier", "postgres") == 1
    assert database_replicas("floor", "none") == 0 and database_replicas("hop-pair", "none") == 0
    with pytest.raises(ValueError, match="replicas need PostgreSQL"):
        database_replicas("monolith", "sqlite")
