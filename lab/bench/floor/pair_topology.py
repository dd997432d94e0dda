"""The hop pair's deployment: a backend, and an edge on the edge port that calls it, both served like every
architecture's servers."""

from collections.abc import Mapping

from topology import Architecture, Component, Network


def describe(
    network: Network,
    database_url: str,
    db: str,
    replica_urls: tuple[str, ...] = (),
    settings: Mapping[str, str] | None = None,
) -> Architecture:
    """Two components, no database."""
    backend = Component(
        name="pair-backend", wsgi_app="lab.bench.floor.pair:create_backend()", port=network.port("pair-backend")
    )
    edge = Component(
        name="pair-edge",
        wsgi_app="lab.bench.floor.pair:create_edge()",
        port=network.port("pair-edge", edge=True),
        env={"PAIR_BACKEND_URL": network.url("pair-backend")},
    )
    return Architecture(name="hop-pair", label="hop-pair", components=[backend, edge], prepare=[], edge=edge.name)
