"""The architectures the lab knows, the databases each runs on, and where each describes its deployment."""

import importlib

from lab.topology import Architecture

# The databases each architecture runs on; the first is its default.
ARCHITECTURES = {
    "monolith": ("sqlite", "postgres"),
    "three_tier": ("postgres",),
    "soa": ("postgres",),
    "microservices": ("postgres",),
}
DATABASES = ("sqlite", "postgres")
# Reference servers the bench measures beside the architectures: not architectures, no database.
REFERENCES = {"floor": "lab.floor.topology"}


def describe(name: str, port: int, database_url: str, db: str) -> Architecture:
    """An architecture's own description, from its folder's topology module."""
    module = REFERENCES.get(name, f"{name}.topology")
    return importlib.import_module(module).describe(port, database_url, db)


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
