"""How an architecture describes its processes to the launcher: the one place its deployment is written."""

import sys
from dataclasses import dataclass, field

PYTHON = sys.executable


@dataclass(frozen=True)
class Component:
    """One server process group (a gunicorn master and its workers)."""

    name: str
    wsgi_app: str
    port: int
    env: dict = field(default_factory=dict)
    workers: int = 2
    health_path: str = "/health"

    def command(self) -> list[str]:
        """The gunicorn command line that serves this component."""
        return [PYTHON, "-m", "gunicorn", "--config", "python:lab.gunicorn_conf", self.wsgi_app]


@dataclass(frozen=True)
class Architecture:
    """Everything the launcher needs to run one architecture."""

    name: str
    label: str  # results folder and chart line, e.g. monolith-postgres
    components: list[Component]
    prepare: list[list[str]]  # commands run once before the servers start (schema, seed)
    edge_port: int
