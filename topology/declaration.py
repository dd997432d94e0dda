"""What the lab knows of an architecture beyond its processes: declared once, in the architecture's own folder.

A declaration imports only the standard library and this package, so that `python -m topology.registry` lists
the architectures before the virtual environment exists. Its processes come from its topology module, which
may import more (sqlalchemy...) and is loaded only when described.
"""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

from topology.model import Architecture, Network


@dataclass(frozen=True)
class ChartLine:
    """One line on the report's charts: the architecture on one of its databases."""

    label: str  # also its results folder, e.g. monolith-postgres
    database: str
    colour: str  # a matplotlib colour


@dataclass(frozen=True)
class ReplicaReads:
    """Who reads the database's hot standbys, and the settings that say how many there are."""

    reader: str  # the component (or the context in it) that reads them
    settings: tuple[str, ...] = ("PG_REPLICAS",)  # the first of these that is set gives the number


@dataclass(frozen=True)
class ExtraHop:
    """The hop a book read crosses beyond the monolith's, which the micro-bench prices."""

    kind: str  # "JSON hop" or "SOAP hop": the bare hop pair it is set against
    path: str  # e.g. "presentation → application"


@dataclass(frozen=True)
class Declaration:
    """Everything the lab needs to know of one architecture."""

    name: str
    topology: str  # the module whose describe(network, database_url, db, replica_urls, settings) gives its processes
    databases: tuple[str, ...]  # the databases it runs on; the first is its default
    # Its servers as its description names them unscaled, each with its colour in the report's stacked bars,
    # edge-side first: the order of the stacks.
    components: Mapping[str, str]
    scalable: str  # the component whose copies it would add first: the one the scaling bench scales
    replica_reads: ReplicaReads
    charts: tuple[ChartLine, ...]  # one per database, in the report's order
    own_databases: tuple[str, ...] = ()  # contexts with a database of their own; the others share one
    in_cap: bool = False  # whether each of two sites can run it on its own, for the CAP experiment
    checks: tuple[tuple[str, ...], ...] = ()  # modules run with `python -m` after the load, e.g. consistency
    extra_hop: ExtraHop | None = None
    images_per_component: bool = False  # each image holds only its component's code and requirements.txt
    # What make bench-cluster copies onto machines of their own, the hot one first; the others keep one machine.
    cluster_scaled: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not set(self.cluster_scaled) <= set(self.components):
            raise ValueError(f"{self.name}: cluster_scaled {self.cluster_scaled} are not all its components")
        if self.scalable not in self.components:
            raise ValueError(f"{self.name}: the scalable component {self.scalable!r} is not one of its components")
        if {line.database for line in self.charts} != set(self.databases):
            raise ValueError(f"{self.name}: one chart line for each of its databases {self.databases}")

    @property
    def scaled_out(self) -> tuple[str, ...]:
        """The components a cluster copies: those declared, else the scalable one."""
        return self.cluster_scaled or (self.scalable,)

    def database(self, asked: str | None) -> str:
        """The database to run on: the one asked for, else the default; ValueError where it cannot run."""
        chosen = asked or self.databases[0]
        if chosen not in self.databases:
            raise ValueError(f"{self.name} runs on {' or '.join(self.databases)}, not {chosen}")
        return chosen

    def label(self, database: str) -> str:
        """Its chart label and results folder on a database."""
        return next(line.label for line in self.charts if line.database == database)

    def describe(
        self,
        network: Network,
        database_url: str,
        db: str,
        replica_urls: tuple[str, ...] = (),
        settings: Mapping[str, str] | None = None,
    ) -> Architecture:
        """Its processes, from its topology module."""
        module = importlib.import_module(self.topology)
        described: Architecture = module.describe(network, database_url, db, replica_urls, settings)
        return described
