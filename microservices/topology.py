"""The microservices deployment: a gateway, a frontend, four services (REPLICAS_<SERVICE>=N), a database each."""

import os

from lab.topology import PYTHON, Architecture, Component, internal_port
from microservices.databases import replica_database_url, service_database_url

SERVICES = ("accounts", "catalog", "orders", "shipping")


def describe(edge_port: int, database_url: str, db: str, replica_urls: tuple[str, ...] = ()) -> Architecture:
    """Each service its own gunicorn server, port and database role; the gateway and frontend have no database.

    The catalog, which takes most reads, reads its own database on the server's replicas (REPLICAS_DB_CATALOG):
    here the four databases share one server, so each replica holds them all, but only the catalog uses them.
    """
    catalog_replicas = ",".join(replica_database_url(service_database_url(database_url, "catalog"), url)
                                for url in replica_urls)  # fmt: skip
    ports = {name: internal_port(edge_port, offset) for offset, name in enumerate(("frontend", *SERVICES), start=1)}
    addresses = {f"{name.upper()}_URL": f"http://127.0.0.1:{port}" for name, port in ports.items()}
    services = [
        Component(
            name=name,
            wsgi_app=f"microservices.{name}.app:create_app()",
            port=ports[name],
            env={**addresses, "DATABASE_URL": service_database_url(database_url, name),
                 **({"DATABASE_REPLICA_URLS": catalog_replicas} if name == "catalog" and replica_urls else {})},
            replicas=int(os.environ.get(f"REPLICAS_{name.upper()}", "1")),
        )
        for name in SERVICES
    ]
    no_database = {**addresses, "DATABASE_URL": ""}
    gateway = Component(name="gateway", wsgi_app="microservices.gateway.app:create_app()", port=edge_port,
                        env=no_database)  # fmt: skip
    frontend = Component(name="frontend", wsgi_app="microservices.frontend.app:create_app()", port=ports["frontend"],
                         env=no_database)  # fmt: skip
    return Architecture(
        name="microservices",
        label="microservices",
        components=[*services, frontend, gateway],
        prepare=[[PYTHON, "-m", "microservices.provision"]],
        edge_port=edge_port,
        checks=[[PYTHON, "-m", "microservices.consistency"]],
        databases={name: service_database_url(database_url, name) for name in SERVICES},
    )
