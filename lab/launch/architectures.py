"""The architectures the lab knows, the databases each runs on, and where each describes its deployment."""

import importlib
from collections.abc import Mapping

from lab.settings import inherited_environment
from topology import Architecture, Network

# The databases each architecture runs on; the first is its default.
ARCHITECTURES = {
    "monolith": ("sqlite", "postgres"),
    "three_tier": ("postgres",),
    "soa": ("postgres",),
    "microservices": ("postgres",),
}
DATABASES = ("sqlite", "postgres")
# Reference servers the bench measures beside the architectures: not architectures, no database.
REFERENCES = {"floor": "lab.bench.floor.topology", "hop-pair": "lab.bench.floor.pair_topology"}


def describe(
    name: str,
    network: Network,
    database_url: str,
    db: str,
    replica_urls: tuple[str, ...] = (),
    settings: Mapping[str, str] | None = None,
) -> Architecture:
    """An architecture's own description, from its folder's topology module.

    replica_urls: the same database on each PostgreSQL replica; the architecture decides who reads them.
    settings: the environment its choices come from (APP_REPLICAS...); what its servers inherit unless given.
    """
    module = REFERENCES.get(name, f"{name}.topology")
    settings = inherited_environment() if settings is None else settings
    return importlib.import_module(module).describe(network, database_url, db, replica_urls, settings)


def database_replicas(name: str, db: str, settings: Mapping[str, str] | None = None) -> int:
    """How many hot standbys of its PostgreSQL server an architecture gets: PG_REPLICAS (default 0).

    The microservices' catalog, the one service that reads from them, also takes REPLICAS_DB_CATALOG.
    The bench's reference servers (the floor, the hop pairs) have no database, whatever the settings.
    settings: the environment of its servers, where these choices are made; what they inherit unless given.
    """
    if name in REFERENCES:
        return 0
    settings = inherited_environment() if settings is None else settings
    names = ("REPLICAS_DB_CATALOG", "PG_REPLICAS") if name == "microservices" else ("PG_REPLICAS",)
    text = next((settings[n] for n in names if settings.get(n)), "0")
    if not text.isdigit():
        raise ValueError(f"{' or '.join(names)} must be a whole number of replicas, not {text!r}")
    if int(text) and db != "postgres":
        raise ValueError(f"replicas need PostgreSQL: {name} runs on {db} here (DB=postgres)")
    return int(text)


def check_choice(name: str, db: str | None) -> str:
    """The database to run `name` on: the one asked for, else its default; ValueError where it cannot run."""
    if name in REFERENCES:
        return "none"
    if name not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {name!r}; choose one of {', '.join(ARCHITECTURES)}")
    db = db or ARCHITECTURES[name][0]
    if db not in ARCHITECTURES[name]:
        raise ValueError(f"{name} runs on {' or '.join(ARCHITECTURES[name])}, not {db}")
    return db
