"""The vocabulary of a topology: components, the architecture they make, and the network they are given."""

import dataclasses
from dataclasses import dataclass, field
from typing import Protocol

GUNICORN_SETTINGS = "python:topology.gunicorn_conf"  # the same settings for every server of every architecture
EDGE_VARIABLE = "EDGE_SERVER"  # set on the edge's processes alone: they admit requests (bookstore/edge/admission.py)


class Network(Protocol):
    """Where each component listens and how the others reach it: ports on one machine, or containers by name."""

    def port(self, component: str, edge: bool = False) -> int:
        """The port a component (an instance: catalog-2) listens on; the edge's is the one clients use."""

    def url(self, component: str) -> str:
        """How the other components reach a component: http://host:port."""


@dataclass(frozen=True)
class Component:
    """One server: a gunicorn master and its workers, or several such groups (replicas) on one port."""

    name: str
    wsgi_app: str
    port: int
    env: dict[str, str] = field(default_factory=dict)
    workers: int = 2  # per server; the lab sets WEB_CONCURRENCY for all alike
    replicas: int = 1
    health_path: str = "/health"

    def command(self, python: str = "python") -> list[str]:
        """The gunicorn command line that serves this component."""
        return [python, "-m", "gunicorn", "--config", GUNICORN_SETTINGS, self.wsgi_app]

    def instance_names(self) -> list[str]:
        """One name per replica: the component's own name, or name-1, name-2..."""
        return [self.name] if self.replicas == 1 else [f"{self.name}-{n}" for n in range(1, self.replicas + 1)]

    def environment(self) -> dict[str, str]:
        """The variables every instance of this component starts with."""
        env = {**self.env, "PORT": str(self.port), "WEB_CONCURRENCY": str(self.workers)}
        if self.replicas > 1:
            env["REUSE_PORT"] = "1"  # the kernel spreads connections over the replicas' sockets
        return {key: str(value) for key, value in env.items()}


@dataclass(frozen=True)
class Readiness:
    """Ready beyond every server's health: GET `path` at the edge lists every `expected` value under `field`."""

    path: str
    field: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class StatusLines:
    """Worth showing at start: each item GET `path` at the edge lists, as `line` formats it."""

    title: str
    path: str
    line: str
    footer: str = ""  # one more line after them; {edge} stands for the edge's base URL


@dataclass(frozen=True)
class Architecture:
    """Everything needed to run one architecture."""

    name: str
    label: str  # results folder and chart line, e.g. monolith-postgres
    components: list[Component]
    prepare: list[list[str]]  # modules (and arguments) run once with `python -m` before the servers (schema, seed)
    edge: str  # the component clients talk to
    settled: Readiness | None = None  # e.g. every provider registered with the bus
    status: StatusLines | None = None  # e.g. the bus's registry
    checks: list[list[str]] = field(default_factory=list)  # modules the bench runs with `python -m` after the load
    databases: dict[str, str] = field(default_factory=dict)  # context -> its own database URL, where not shared

    def __post_init__(self) -> None:
        # The edge is marked here, once for every architecture, so its processes know it wherever they run.
        marked = [
            dataclasses.replace(c, env={**c.env, EDGE_VARIABLE: "1"}) if c.name == self.edge else c
            for c in self.components
        ]
        object.__setattr__(self, "components", marked)  # the idiom for a frozen dataclass's own fields

    def scaled(self, name: str, replicas: int, workers: int) -> "Architecture":
        """This architecture with one component run as `replicas` instances of `workers` workers each."""
        if name not in {c.name for c in self.components}:
            raise KeyError(f"{self.name} has no component {name!r} to scale")
        if replicas < 1 or workers < 1:
            raise ValueError(f"{name}: instances and workers must be at least 1")
        components = [
            dataclasses.replace(c, replicas=replicas, workers=workers) if c.name == name else c for c in self.components
        ]
        return dataclasses.replace(self, components=components)

    def with_workers(self, workers: int) -> "Architecture":
        """Every component with `workers` gunicorn workers per server."""
        return dataclasses.replace(self, components=[dataclasses.replace(c, workers=workers) for c in self.components])

    def component_of(self, instance: str) -> Component:
        """The component a process group (possibly a numbered replica) belongs to."""
        for component in self.components:
            if instance in component.instance_names():
                return component
        raise KeyError(f"{self.name} has no component {instance!r}")
