"""How an architecture describes its processes to the launcher: the one place its deployment is written."""

import dataclasses
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from lab.ports import free_port, port_is_free

PYTHON = sys.executable


@dataclass(frozen=True)
class Component:
    """One server: a gunicorn master and its workers, or several such groups (replicas) on one port."""

    name: str
    wsgi_app: str
    port: int
    env: dict = field(default_factory=dict)
    workers: int = field(default_factory=lambda: int(os.environ.get("WEB_CONCURRENCY", "2")))  # per server
    replicas: int = 1
    health_path: str = "/health"

    def command(self) -> list[str]:
        """The gunicorn command line that serves this component."""
        return [PYTHON, "-m", "gunicorn", "--config", "python:lab.gunicorn_conf", self.wsgi_app]

    def instance_names(self) -> list[str]:
        """One name per replica: the component's own name, or name-1, name-2..."""
        return [self.name] if self.replicas == 1 else [f"{self.name}-{n}" for n in range(1, self.replicas + 1)]

    def environment(self) -> dict:
        """The variables every instance of this component starts with."""
        env = {**self.env, "PORT": str(self.port), "WEB_CONCURRENCY": str(self.workers)}
        if self.replicas > 1:
            env["REUSE_PORT"] = "1"  # the kernel spreads connections over the replicas' sockets
        return {key: str(value) for key, value in env.items()}


@dataclass(frozen=True)
class Architecture:
    """Everything the launcher needs to run one architecture."""

    name: str
    label: str  # results folder and chart line, e.g. monolith-postgres
    components: list[Component]
    prepare: list[list[str]]  # commands run once before the servers start (schema, seed)
    edge_port: int
    settled: Callable[[], bool] | None = None  # beyond every server's health: e.g. all providers registered
    status: Callable[[], list[str]] | None = None  # lines worth showing at start, e.g. the bus's registry
    checks: list[list[str]] = field(default_factory=list)  # commands the bench runs after the load
    databases: dict[str, str] = field(default_factory=dict)  # context -> its own database URL, where not shared

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

    def component_of(self, instance: str) -> Component:
        """The component a process group (possibly a numbered replica) belongs to."""
        for component in self.components:
            if instance in component.instance_names():
                return component
        raise KeyError(f"{self.name} has no component {instance!r}")


def internal_port(edge_port: int, offset: int) -> int:
    """A port for an internal component: the edge port plus offset when free (8001, 8002...), else any."""
    wanted = edge_port + offset
    return wanted if wanted < 65536 and port_is_free(wanted) else free_port()
