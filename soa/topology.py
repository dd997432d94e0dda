"""The SOA deployment: the bus on the edge port, four providers (SOA_REPLICAS each), one enterprise database."""

from collections.abc import Mapping

from soa.architecture import ARCHITECTURE
from topology import Architecture, Component, Network, Readiness, StatusLines

PROVIDERS = ("account", "book", "order", "shipping")
SERVICE_NAMES = {"account": "Account", "book": "Book", "order": "Order", "shipping": "Shipping"}


def describe(
    network: Network,
    database_url: str,
    db: str,
    replica_urls: tuple[str, ...] = (),
    settings: Mapping[str, str] | None = None,
) -> Architecture:
    """The bus and every provider instance; providers register with the bus at start and then every 3 s.

    The enterprise database's replicas serve the Book provider, which takes most of the reads.
    """
    replicas = int((settings or {}).get("SOA_REPLICAS") or 1)
    bus = Component(name="bus", wsgi_app="soa.bus.app:create_app()", port=network.port("bus", edge=True))
    providers = []
    for provider in PROVIDERS:
        for n in range(1, replicas + 1):
            name = f"{provider}-{n}" if replicas > 1 else provider
            port = network.port(name)
            env = {"BUS_URL": network.url("bus"), "ADVERTISE_URL": f"{network.url(name)}/soap"}
            if provider == "book" and replica_urls:
                env["DATABASE_REPLICA_URLS"] = ",".join(replica_urls)
            providers.append(
                Component(name=name, wsgi_app=f"soa.providers.{provider}:create_app()", port=port, env=env)
            )
    return Architecture(
        name=ARCHITECTURE.name,
        label=ARCHITECTURE.label(db),
        components=[bus, *providers],
        prepare=[["bookstore.shared_database"], ["soa.bus.registry"]],
        edge=bus.name,
        settled=Readiness("/registry", "address", tuple(p.env["ADVERTISE_URL"] for p in providers)),
        status=StatusLines(
            "registry",
            "/registry",
            "{service:<9} {address}  ({operations})",
            "admin        {edge}/admin/services (messages per operation), {edge}/registry",
        ),
    )
