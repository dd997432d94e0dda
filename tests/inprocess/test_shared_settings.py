"""Limits that must be equal in every architecture are equal: a quiet difference would skew the comparison."""

import pytest

from bookstore.settings import MAX_BODY_BYTES, Settings
from inprocess.wiring import wire
from topology import registry

SETTINGS = Settings.from_environment()


@pytest.fixture(scope="module")
def architectures(tmp_path_factory):
    """Every architecture wired in this process: its apps by address, and the HTTP pools its processes opened."""
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        for name in registry.names():
            built[name] = wire(name, tmp_path_factory.mktemp(name), patch)
        yield built
    for edge in built.values():
        edge.close()


def json_servers(edge) -> dict:
    """Every app that takes JSON: all but the SOA's SOAP providers."""
    return {
        address: app
        for address, app in edge.network.hosts.items()
        if not address.endswith("soa.test") or address.startswith("http://bus.")
    }


def databases(edge) -> list:
    found = []
    for app in edge.network.hosts.values():
        store, registry = app.extensions.get("store"), app.extensions.get("registry")
        found += [store.db] if hasattr(store, "db") else []
        found += [registry.db] if registry else []
        found += [app.extensions["database"]] if "database" in app.extensions else []
    return found


def test_every_json_server_of_every_architecture_refuses_a_body_over_the_same_limit(architectures):
    limits = {
        address: app.config["MAX_CONTENT_LENGTH"]
        for edge in architectures.values()
        for address, app in json_servers(edge).items()
    }
    assert set(limits.values()) == {MAX_BODY_BYTES}, limits


def test_every_pool_between_processes_holds_a_connection_per_worker_thread(architectures):
    sizes = {name: set(edge.network.pool_sizes) for name, edge in architectures.items() if edge.network.pool_sizes}
    assert set(sizes) == {a.name for a in registry.ARCHITECTURES if len(a.components) > 1}  # one process: no hop
    assert all(found == {SETTINGS.worker_threads} for found in sizes.values()), sizes


def test_every_database_pool_is_the_same_size(architectures):
    sizes = {name: {db.engine.pool.size() for db in databases(edge)} for name, edge in architectures.items()}
    assert all(found == {SETTINGS.database_pool_size} for found in sizes.values()), sizes


def test_every_edge_trusts_a_confirmed_account_for_the_same_time(architectures):
    ttls = {
        name: edge.network.hosts[edge.base_url].extensions["store"].known_accounts._confirmed.ttl
        for name, edge in architectures.items()
    }
    assert set(ttls.values()) == {SETTINGS.account_check_ttl_s}, ttls
