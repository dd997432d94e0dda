"""The SOA deployment: the bus on the edge port, four providers (SOA_REPLICAS each), one enterprise database."""

import json
import os
import urllib.request

from lab.topology import PYTHON, Architecture, Component, internal_port

PROVIDERS = ("account", "book", "order", "shipping")
SERVICE_NAMES = {"account": "Account", "book": "Book", "order": "Order", "shipping": "Shipping"}


def describe(edge_port: int, database_url: str, db: str, replica_urls: tuple[str, ...] = ()) -> Architecture:
    """The bus and every provider instance; providers register with the bus at start and then every 3 s.

    The enterprise database's replicas serve the Book provider, which takes most of the reads.
    """
    replicas = int(os.environ.get("SOA_REPLICAS", "1"))
    bus_url = f"http://127.0.0.1:{edge_port}"
    bus = Component(name="bus", wsgi_app="soa.bus.app:create_app()", port=edge_port)
    ports = {
        (provider, n): internal_port(edge_port, 1 + index * replicas + n - 1)
        for index, provider in enumerate(PROVIDERS)
        for n in range(1, replicas + 1)
    }
    providers = [
        Component(
            name=f"{provider}-{n}" if replicas > 1 else provider,
            wsgi_app=f"soa.providers.{provider}:create_app()",
            port=port,
            env={"BUS_URL": bus_url, "ADVERTISE_URL": f"http://127.0.0.1:{port}/soap",
                 **({"DATABASE_REPLICA_URLS": ",".join(replica_urls)} if provider == "book" and replica_urls else {})},
        )
        for (provider, n), port in ports.items()
    ]

    def registry() -> list[dict]:
        with urllib.request.urlopen(f"{bus_url}/registry", timeout=2) as answer:
            return json.load(answer)["items"]

    def every_instance_registered() -> bool:
        registered = {entry["address"] for entry in registry()}
        return all(f"http://127.0.0.1:{p.port}/soap" in registered for p in providers)

    def registry_lines() -> list[str]:
        lines = [f"registry     {e['service']:<9} {e['address']}  ({', '.join(e['operations'])})" for e in registry()]
        return [*lines, f"admin        {bus_url}/admin/services (messages per operation), {bus_url}/registry"]

    return Architecture(
        name="soa",
        label="soa",
        components=[bus, *providers],
        prepare=[[PYTHON, "-m", "bookstore.schema"], [PYTHON, "-m", "soa.bus.registry"]],
        edge_port=edge_port,
        settled=every_instance_registered,
        status=registry_lines,
    )
