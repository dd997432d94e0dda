"""The monolith's deployment: one gunicorn server holding the whole store, one database."""

from collections.abc import Mapping

from monolith.architecture import ARCHITECTURE
from topology import Architecture, Component, Network


def describe(
    network: Network,
    database_url: str,
    db: str,
    replica_urls: tuple[str, ...] = (),
    settings: Mapping[str, str] | None = None,
) -> Architecture:
    """One component on the edge port; every context in one database, its replicas read by the same process."""
    replicas = {"DATABASE_REPLICA_URLS": ",".join(replica_urls)} if replica_urls else {}
    server = Component(
        name="monolith", wsgi_app="monolith.app:create_app()", port=network.port("monolith", edge=True), env=replicas
    )
    return Architecture(
        name=ARCHITECTURE.name,
        label=ARCHITECTURE.label(db),
        components=[server],
        prepare=[["bookstore.shared_database"]],
        edge=server.name,
    )
