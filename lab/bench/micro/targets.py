"""What the micro-bench drives: the floor, the hop pairs, and every architecture (the monolith on both
databases, so that each other architecture's extra hop can be priced against it on PostgreSQL)."""

from dataclasses import dataclass

from lab.bench.micro.endpoints import FLOOR, JSON_HOP, SOAP_HOP, Endpoint
from topology import registry


@dataclass(frozen=True)
class Target:
    label: str
    architecture: str
    db: str | None = None
    endpoints: tuple[Endpoint, ...] = ()  # empty: the bookstore's own (architecture_endpoints)


TARGETS = (
    Target("floor", "floor", endpoints=(FLOOR,)),
    Target("hop pairs", "hop-pair", endpoints=(JSON_HOP, SOAP_HOP)),
    *(
        Target(line.label, architecture.name, line.database)
        for architecture in registry.ARCHITECTURES
        for line in architecture.charts
    ),
)
