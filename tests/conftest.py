"""Fixtures shared by every suite: architectures started fresh on free loopback ports, stopped at the end."""

import os
from types import SimpleNamespace

import pytest

from lab.launcher import Launch
from lab.ports import free_port

# Each (architecture, database) the contract suite runs against; adding an architecture is one line.
EDGE_TARGETS = [
    ("monolith", "sqlite"),
    ("monolith", "postgres"),
    ("three_tier", "postgres"),
    ("soa", "postgres"),
    ("microservices", "postgres"),
]

EXTERNAL = os.environ.get("EDGE_URL", "").rstrip("/")
TARGETS = [("external", "any")] if EXTERNAL else EDGE_TARGETS


def launch(architecture: str, db: str, run_dir) -> Launch:
    """A started architecture on a free port, its files under run_dir."""
    return Launch(architecture, db, port=free_port(), run_dir=run_dir).start()


@pytest.fixture(scope="session", params=TARGETS, ids=[f"{a}-{d}" for a, d in TARGETS])
def edge(request, tmp_path_factory):
    """A running architecture, or the server at EDGE_URL to check any running edge by hand."""
    if EXTERNAL:
        yield SimpleNamespace(base_url=EXTERNAL, name="external", db="any", database_url=None)
        return
    architecture, db = request.param
    running = launch(architecture, db, tmp_path_factory.mktemp(f"{architecture}-{db}"))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def edge_url(edge) -> str:
    """The edge's base URL."""
    return edge.base_url
