"""The floor's deployment: one gunicorn server with the same settings as every architecture's servers."""

from collections.abc import Mapping

from topology import Architecture, Component, Network


def describe(
    network: Network,
    database_url: str,
    db: str,
    replica_urls: tuple[str, ...] = (),
    settings: Mapping[str, str] | None = None,
) -> Architecture:
    """One component on the edge port, no database."""
    server = Component(name="floor", wsgi_app="lab.bench.floor.app:create_app()", port=network.port("floor", edge=True))
    return Architecture(name="floor", label="floor", components=[server], prepare=[], edge=server.name)
