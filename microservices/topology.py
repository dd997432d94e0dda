"""The microservices deployment: a gateway, a frontend, four services (REPLICAS_<SERVICE>=N), a database each."""

from collections.abc import Mapping

from microservices.architecture import ARCHITECTURE, SERVICES
from microservices.databases import replica_database_url, service_database_url
from microservices.settings import ServiceDatabases
from topology import Architecture, Component, Network


def describe(
    network: Network,
    database_url: str,
    db: str,
    replica_urls: tuple[str, ...] = (),
    settings: Mapping[str, str] | None = None,
) -> Architecture:
    """Each service its own gunicorn server, port and database role; the gateway and frontend have no database.

    The catalog, which takes most reads, reads its own database on the server's replicas (REPLICAS_DB_CATALOG):
    here the four databases share one server, so each replica holds them all, but only the catalog uses them.
    """
    settings = settings or {}
    given = ServiceDatabases.from_environment(settings)
    own = {name: service_database_url(database_url, name, given) for name in SERVICES}
    catalog_replicas = ",".join(replica_database_url(own["catalog"], url) for url in replica_urls)
    ports = {name: network.port(name) for name in ("frontend", *SERVICES)}
    addresses = {f"{name.upper()}_URL": network.url(name) for name in ports}
    services = [
        Component(
            name=name,
            wsgi_app=f"microservices.{name}.app:create_app()",
            port=ports[name],
            env={
                **addresses,
                "DATABASE_URL": own[name],
                **({"DATABASE_REPLICA_URLS": catalog_replicas} if name == "catalog" and replica_urls else {}),
            },
            replicas=int(settings.get(f"REPLICAS_{name.upper()}") or 1),
        )
        for name in SERVICES
    ]
    no_database = {**addresses, "DATABASE_URL": ""}
    gateway = Component(
        name="gateway",
        wsgi_app="microservices.gateway.app:create_app()",
        port=network.port("gateway", edge=True),
        env=no_database,
    )
    frontend = Component(
        name="frontend", wsgi_app="microservices.frontend.app:create_app()", port=ports["frontend"], env=no_database
    )
    return Architecture(
        name=ARCHITECTURE.name,
        label=ARCHITECTURE.label(db),
        components=[*services, frontend, gateway],
        prepare=[["microservices.provision"]],
        edge=gateway.name,
        checks=[list(command) for command in ARCHITECTURE.checks],
        databases=own,
    )
