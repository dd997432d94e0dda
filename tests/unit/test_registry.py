"""Each architecture declares itself once; the registry lists them; a fifth is its folder and one line more."""

import dataclasses
import tomllib

import pytest

from lab.launch.architectures import check_choice, database_replicas, describe
from lab.launch.network import PlannedNetwork
from lab.paths import ROOT
from tests.fixtures.one_process.architecture import ARCHITECTURE as ONE_PROCESS
from topology import registry

PLACEHOLDER_URL = {"sqlite": "sqlite:///unused", "postgres": "postgresql+psycopg://lab@127.0.0.1:1/bookstore"}


@pytest.fixture
def with_a_fifth(monkeypatch):
    """The registry with the test package's architecture on one line more, as its folder would add it."""
    monkeypatch.setattr(registry, "ARCHITECTURES", (*registry.ARCHITECTURES, ONE_PROCESS))


def test_every_name_is_listed_once_and_the_first_is_the_monolith_on_its_default_sqlite():
    assert len(set(registry.names())) == len(registry.names())
    assert check_choice(registry.names()[0], None) == "sqlite"


@pytest.mark.parametrize("architecture", registry.ARCHITECTURES, ids=lambda architecture: architecture.name)
def test_each_description_has_what_its_declaration_says(architecture):
    for database in architecture.databases:
        described = architecture.describe(PlannedNetwork(), PLACEHOLDER_URL[database], database, (), {})
        assert described.name == architecture.name
        assert described.label == architecture.label(database)
        assert sorted(c.name for c in described.components) == sorted(architecture.components)
        assert set(described.databases) == set(architecture.own_databases)
        assert described.checks == [list(command) for command in architecture.checks]
        assert architecture.replica_reads.reader in (*architecture.components, *architecture.own_databases)


def test_an_unknown_architecture_is_refused_with_the_choices():
    with pytest.raises(
        ValueError, match=f"unknown architecture 'serverless'; choose one of {', '.join(registry.names())}$"
    ):
        registry.declared("serverless")


def test_a_declaration_must_scale_a_component_it_has_and_chart_each_database():
    with pytest.raises(ValueError, match="scalable component 'bus'"):
        dataclasses.replace(ONE_PROCESS, scalable="bus")
    with pytest.raises(ValueError, match="one chart line for each of its databases"):
        dataclasses.replace(ONE_PROCESS, databases=("sqlite", "postgres"))


def test_the_cap_list_is_those_declared_to_take_part_in_registry_order():
    assert registry.in_cap() == tuple(a.name for a in registry.ARCHITECTURES if a.in_cap)
    assert "soa" not in registry.in_cap()  # its registry expects every provider at the lab's own loopback


def test_a_fifth_architecture_is_listed_after_the_others_by_the_registry_and_its_command(with_a_fifth, capsys):
    assert registry.names()[-1] == "one_process"
    registry.main([])
    assert capsys.readouterr().out.split()[-1] == "one_process"
    registry.main(["--cap"])
    assert "one_process" not in capsys.readouterr().out.split()


def test_the_lab_launches_a_fifth_architecture_from_its_declaration(with_a_fifth, monkeypatch):
    monkeypatch.delenv("PG_REPLICAS", raising=False)
    assert check_choice("one_process", None) == "sqlite"
    with pytest.raises(ValueError, match="one_process runs on sqlite, not postgres"):
        check_choice("one_process", "postgres")
    assert database_replicas("one_process", "sqlite") == 0
    described = describe("one_process", PlannedNetwork(), "sqlite:///unused", "sqlite", settings={})
    assert [c.wsgi_app for c in described.components] == ["tests.fixtures.one_process.app:create_app()"]


def test_without_its_registry_line_the_fifth_is_unknown():
    with pytest.raises(ValueError, match="unknown architecture 'one_process'"):
        check_choice("one_process", None)


def test_the_import_contracts_cover_every_registered_architecture():
    """import-linter's configuration cannot ask the registry, so this test holds the two together."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    standing_alone = next(c for c in config["contracts"] if c["name"] == "Each architecture stands alone")
    no_harness = next(c for c in config["contracts"] if c["name"].startswith("The architectures and the topology"))
    assert sorted(standing_alone["modules"]) == sorted(registry.names())
    assert set(registry.names()) <= set(config["root_packages"]) & set(no_harness["source_modules"])
