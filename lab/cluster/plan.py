"""A cluster configuration and the machines it needs, each sized; refused where they do not fit in the cores."""

import math
import os
import re
from dataclasses import dataclass

from lab.settings import ClusterSettings

BALANCER = "balancer"
DATABASE = "postgres"


@dataclass(frozen=True)
class Configuration:
    """Scale up: one machine n× the size for each scaled component. Scale out: n machines of 1× each.

    replicas: hot standbys of the database, each on a machine of its own, serving the reads.
    """

    mode: str
    n: int
    replicas: int = 0

    def __post_init__(self) -> None:
        if self.mode not in ("up", "out") or self.n < 1 or self.replicas < 0:
            raise ValueError(f"no cluster configuration {self.mode}-{self.n} with {self.replicas} replica(s)")

    @property
    def name(self) -> str:
        """Its results folder: up-2, out-4, out-4-r1."""
        return f"{self.mode}-{self.n}" + (f"-r{self.replicas}" if self.replicas else "")

    @property
    def instances(self) -> int:
        """Copies of each scaled component."""
        return self.n if self.mode == "out" else 1

    @property
    def size(self) -> int:
        """Each scaled machine's size, in 1× machines."""
        return self.n if self.mode == "up" else 1


def configuration_named(name: str) -> Configuration:
    """up-2, out-4, out-4-r1 as a configuration; ValueError saying what is accepted."""
    found = re.fullmatch(r"(up|out)-(\d+)(?:-r(\d+))?", name.strip())
    try:
        if not found:
            raise ValueError
        return Configuration(found[1], int(found[2]), int(found[3] or 0))
    except ValueError:
        raise ValueError(f"no cluster configuration {name!r}: up-N, out-N or out-N-rK (K database replicas)") from None


@dataclass(frozen=True)
class MachinePlan:
    """One machine: its name (the process group it holds), the component that runs on it, its cores."""

    name: str
    runs: str
    cpus: float


def sizes(settings: ClusterSettings) -> dict[str, float]:
    """Sizes given per component (MACHINE_SIZES=postgres=0.4,application=0.1); ValueError naming a bad one."""
    found = {}
    for item in filter(None, (part.strip() for part in settings.machine_sizes.split(","))):
        name, _, value = item.partition("=")
        try:
            found[name.strip()] = float(value)
        except ValueError:
            found[name.strip()] = -1.0
        if found[name.strip()] < 0.01:
            raise ValueError(f"MACHINE_SIZES: {item!r} is not component=cores with at least 0.01 cores")
    return found


def instance_names(component: str, copies: int) -> list[str]:
    """As the launcher names process groups: the component itself, or component-1, component-2..."""
    return [component] if copies == 1 else [f"{component}-{k}" for k in range(1, copies + 1)]


def machines(
    components: list[str], scaled: tuple[str, ...], configuration: Configuration, settings: ClusterSettings
) -> list[MachinePlan]:
    """Every machine of a configuration: the components' (scaled ones copied or enlarged), the database's and
    each replica's, and the balancer's."""
    given = sizes(settings)
    unknown = set(given) - {*components, DATABASE, BALANCER}
    if unknown:
        raise ValueError(f"MACHINE_SIZES names {', '.join(sorted(unknown))}, which this architecture does not run")
    planned = []
    for component in components:
        one = given.get(component, settings.machine_cpus)
        copies, size = (configuration.instances, configuration.size) if component in scaled else (1, 1)
        planned += [MachinePlan(name, component, one * size) for name in instance_names(component, copies)]
    database = given.get(DATABASE, settings.database_cpus)
    planned.append(MachinePlan(DATABASE, DATABASE, database))
    planned += [
        MachinePlan(f"{DATABASE}-replica-{k}", DATABASE, database) for k in range(1, configuration.replicas + 1)
    ]
    planned.append(MachinePlan(BALANCER, BALANCER, given.get(BALANCER, settings.balancer_cpus)))
    return planned


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0))


def misfit(planned: list[MachinePlan], settings: ClusterSettings, available: int | None = None) -> str | None:
    """Why the machines do not fit in the cores, with the sum; None where they do."""
    available = cores() if available is None else available
    total = math.fsum(machine.cpus for machine in planned)
    room = available - settings.loadgen_cpus
    if total <= room + 1e-9:
        return None
    terms = " + ".join(f"{machine.cpus:g} ({machine.name})" for machine in planned)
    return (
        f"{len(planned)} machines need {total:.2f} cores: {terms}; with {settings.loadgen_cpus:g} kept for the "
        f"load generator (LOADGEN_CPUS), {available} cores leave {room:.2f}"
    )
