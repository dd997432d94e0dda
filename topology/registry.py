"""Every architecture the lab knows, one line each, in the report's order: from fewest processes to most.

Adding one is its folder (with its declaration) and a line here. `python -m topology.registry` prints their
names, `--cap` those that take part in the CAP experiment: the Makefile reads them before any venv exists,
so this module and the declarations import only the standard library and this package.
"""

import argparse

from microservices.architecture import ARCHITECTURE as MICROSERVICES
from monolith.architecture import ARCHITECTURE as MONOLITH
from soa.architecture import ARCHITECTURE as SOA
from three_tier.architecture import ARCHITECTURE as THREE_TIER
from topology.declaration import Declaration

ARCHITECTURES: tuple[Declaration, ...] = (
    MONOLITH,
    THREE_TIER,
    SOA,
    MICROSERVICES,
)


def names() -> tuple[str, ...]:
    """Every architecture's name, in order."""
    return tuple(declaration.name for declaration in ARCHITECTURES)


def declared(name: str) -> Declaration:
    """An architecture's declaration; ValueError, naming the choices, for an unknown one."""
    for declaration in ARCHITECTURES:
        if declaration.name == name:
            return declaration
    raise ValueError(f"unknown architecture {name!r}; choose one of {', '.join(names())}")


def charted(label: str) -> Declaration | None:
    """The architecture one of whose chart lines (and results folders) `label` is, if any."""
    return next((a for a in ARCHITECTURES if any(line.label == label for line in a.charts)), None)


def in_cap() -> tuple[str, ...]:
    """The architectures the CAP experiment runs, in order."""
    return tuple(declaration.name for declaration in ARCHITECTURES if declaration.in_cap)


def databases() -> tuple[str, ...]:
    """Every database some architecture runs on, first mentioned first."""
    return tuple(dict.fromkeys(database for declaration in ARCHITECTURES for database in declaration.databases))


def main(argv: list[str] | None = None) -> None:
    """Print the architectures' names, space-separated, in the report's order."""
    parser = argparse.ArgumentParser(prog="python -m topology.registry", description=main.__doc__)
    parser.add_argument("--cap", action="store_true", help="only those the CAP experiment runs")
    chosen = in_cap() if parser.parse_args(argv).cap else names()
    print(" ".join(chosen))


if __name__ == "__main__":
    main()
