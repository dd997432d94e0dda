"""The architectures the lab runs, as the registry declares them, and the bench's reference servers beside them."""

import importlib
from collections.abc import Mapping

from lab.settings import inherited_environment
from topology import Architecture, Network, registry

# The command line's choices, read once; the functions below ask the registry each time, so a test may add to it.
ARCHITECTURES = registry.names()
DATABASES = registry.databases()
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
    settings = inherited_environment() if settings is None else settings
    if name in REFERENCES:
        return importlib.import_module(REFERENCES[name]).describe(network, database_url, db, replica_urls, settings)
    return registry.declared(name).describe(network, database_url, db, replica_urls, settings)


def database_replicas(name: str, db: str, settings: Mapping[str, str] | None = None) -> int:
    """How many hot standbys of its PostgreSQL server an architecture gets: PG_REPLICAS (default 0).

    An architecture may declare a setting of its own first (the microservices' catalog: REPLICAS_DB_CATALOG).
    The bench's reference servers (the floor, the hop pairs) have no database, whatever the settings.
    settings: the environment of its servers, where these choices are made; what they inherit unless given.
    """
    if name in REFERENCES:
        return 0
    settings = inherited_environment() if settings is None else settings
    names = registry.declared(name).replica_reads.settings
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
    return registry.declared(name).database(db)
