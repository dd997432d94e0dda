"""Every architecture's processes built inside this one, each from its own composition root.

Each process keeps what makes its architecture: the presentation tier still calls the application tier
through its remote proxy, the bus still routes SOAP by its registry, the gateway still calls each service
with its HTTP client and circuit breaker, and each microservice still has a database of its own. Only the
sockets are gone (transport.Network) and the databases are SQLite files, so nothing needs a server.
"""

import importlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from bookstore import http_pool, seed
from bookstore.database import Database
from bookstore.shared_database import prepare
from inprocess.transport import Network, routed_through
from microservices.provision import create_tables_and_seed
from soa.bus.registry import metadata as registry_tables
from topology import Readiness, registry

MICROSERVICES = ("accounts", "catalog", "orders", "shipping")
SOA_PROVIDERS = ("account", "book", "order", "shipping")


@dataclass
class InProcessEdge:
    """What the contract suite reads of a running architecture."""

    name: str
    base_url: str
    database_url: str
    databases: dict[str, str] = field(default_factory=dict)
    db: str = "sqlite"
    network: Network | None = None
    stoppers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        """Stop what runs in the background (the SOA providers' registration heartbeats)."""
        for stop in self.stoppers:
            stop()

    def database_of(self, context: str) -> str:
        """The database URL holding a bounded context's tables."""
        return self.databases.get(context, self.database_url)


def _sqlite(folder: Path, name: str) -> str:
    return f"sqlite:///{folder / f'{name}.sqlite'}"


def _shared_database(folder: Path) -> str:
    url = _sqlite(folder, "bookstore")
    prepare(url, seed.book_count(), seed.account_count())
    return url


def _create(module: str, config: dict | None = None, **environment: str):
    """An app from its composition root, given the environment its process would start with."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        factory = importlib.import_module(module).create_app
        return factory(config) if config is not None else factory()


def monolith(folder: Path, network: Network) -> InProcessEdge:
    """One app over one database."""
    url = _shared_database(folder)
    network.add("http://edge.monolith.test", _create("monolith.app", {"DATABASE_URL": url}))
    return InProcessEdge("monolith", "http://edge.monolith.test", url)


def three_tier(folder: Path, network: Network) -> InProcessEdge:
    """The presentation tier's remote proxy calls the application tier, which alone holds the database."""
    url, application = _shared_database(folder), "http://application.three-tier.test"
    network.add(application, _create("three_tier.application.app", {"DATABASE_URL": url}))
    edge = _create("three_tier.presentation.app", {}, APP_TIER_URL=application, DATABASE_URL="")
    network.add("http://edge.three-tier.test", edge)
    return InProcessEdge("three_tier", "http://edge.three-tier.test", url)


def soa(folder: Path, network: Network) -> InProcessEdge:
    """The bus on the enterprise database; every provider registers itself with it, and keeps doing so."""
    url, bus_url = _shared_database(folder), "http://bus.soa.test"
    Database(url).create_schema(registry_tables)
    network.add(bus_url, _create("soa.bus.app", {}, DATABASE_URL=url, AUDIT_LOG=str(folder / "audit.log")))
    edge = InProcessEdge("soa", bus_url, url)
    for provider in SOA_PROVIDERS:
        address = f"http://{provider}.soa.test"
        app = _create(
            f"soa.providers.{provider}",
            None,
            DATABASE_URL=url,
            BUS_URL=bus_url,
            PORT="80",
            ADVERTISE_URL=f"{address}/soap",
        )
        network.add(address, app)
        edge.stoppers.append(app.extensions["stop_registering"])
    deadline = time.monotonic() + 60
    while len(network.request("GET", f"{bus_url}/registry").json()["items"]) < len(SOA_PROVIDERS):
        assert time.monotonic() < deadline, "the SOA providers did not register with the bus"
        time.sleep(0.05)
    return edge


def microservices(folder: Path, network: Network) -> InProcessEdge:
    """A gateway and a frontend without a database, and four services with a database each."""
    addresses = {f"{name.upper()}_URL": f"http://{name}.microservices.test" for name in (*MICROSERVICES, "frontend")}
    databases = {}
    for service in MICROSERVICES:
        databases[service] = _sqlite(folder, service)
        create_tables_and_seed(service, databases[service])
        app = _create(f"microservices.{service}.app", {"DATABASE_URL": databases[service]}, **addresses)
        network.add(addresses[f"{service.upper()}_URL"], app)
    network.add(addresses["FRONTEND_URL"], _create("microservices.frontend.app", {}, **addresses, DATABASE_URL=""))
    gateway = _create("microservices.gateway.app", {}, **addresses, DATABASE_URL="")
    network.add("http://edge.microservices.test", gateway)
    return InProcessEdge("microservices", "http://edge.microservices.test", "", databases)


class Addresses:
    """topology.Network in process: each component at http://<component>.<architecture>.test."""

    def __init__(self, architecture: str):
        self.domain = f"{architecture.replace('_', '-')}.test"

    def port(self, component: str, edge: bool = False) -> int:
        return 80

    def url(self, component: str) -> str:
        return f"http://{component}.{self.domain}"


def _settled(network: Network, base_url: str, readiness: Readiness) -> bool:
    listed = network.request("GET", f"{base_url}{readiness.path}").json()["items"]
    return set(readiness.expected) <= {item[readiness.field] for item in listed}


def described(name: str, folder: Path, network: Network) -> InProcessEdge:
    """Any architecture built from its own description, as the launcher starts it, on one SQLite file.

    Its prepare commands run as the launcher runs them, in a process of their own; each component's app comes
    from its composition root with the environment the launcher would give it. An architecture whose processes
    need more (the SOA providers' heartbeats, stopped at the end) is wired by hand above.
    """
    url, addresses = _sqlite(folder, "bookstore"), Addresses(name)
    architecture = registry.declared(name).describe(addresses, url, "sqlite", (), {})
    for command in architecture.prepare:
        subprocess.run([sys.executable, "-m", *command], env={**os.environ, "DATABASE_URL": url}, check=True)
    for component in architecture.components:
        module, factory = component.wsgi_app.split(":")
        if not factory.endswith("()"):
            raise ValueError(f"{component.name}: {component.wsgi_app} names no app factory to call")
        environment = {"DATABASE_URL": url, **component.environment()}
        with pytest.MonkeyPatch.context() as patch:
            for variable, value in environment.items():
                patch.setenv(variable, value)
            app = getattr(importlib.import_module(module), factory.removesuffix("()"))()
        network.add(addresses.url(component.name), app)
    edge = InProcessEdge(name, addresses.url(architecture.edge), url, dict(architecture.databases))
    deadline = time.monotonic() + 60
    while architecture.settled and not _settled(network, edge.base_url, architecture.settled):
        assert time.monotonic() < deadline, f"{name} did not settle: {architecture.settled}"
        time.sleep(0.05)
    return edge


# Wired by hand, each the way its processes really run (see each function); any other from its description.
HAND_WIRED = {"monolith": monolith, "three_tier": three_tier, "soa": soa, "microservices": microservices}


def wire(architecture: str, folder: Path, patch: pytest.MonkeyPatch) -> InProcessEdge:
    """The architecture built in this process; every HTTP pool it opens is the in-process network."""
    network = Network()

    def pooled_http(_timeout, connections: int) -> Network:
        network.pool_sizes.append(connections)
        return network

    patch.setattr(http_pool, "pooled_http", pooled_http)
    patch.setattr(requests.Session, "get_adapter", routed_through(network, ".test", requests.Session.get_adapter))
    by_hand = HAND_WIRED.get(architecture)
    edge = by_hand(folder, network) if by_hand else described(architecture, folder, network)
    edge.network = network
    return edge
