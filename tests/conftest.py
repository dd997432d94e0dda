"""Fixtures shared by every suite: architectures started fresh on free loopback ports, stopped at the end.

IN_PROCESS=1 (make test-fast) runs the contract suite over each architecture's processes wired inside the
test process instead (tests/inprocess), on SQLite, with no server started; EDGE_URL runs it against any
running edge.
"""

import os
from types import SimpleNamespace

import pytest

from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from topology import registry

# Each architecture the registry lists, on each of its databases.
EDGE_TARGETS = [
    (architecture.name, line.database) for architecture in registry.ARCHITECTURES for line in architecture.charts
]

EXTERNAL = os.environ.get("EDGE_URL", "").rstrip("/")
IN_PROCESS = os.environ.get("IN_PROCESS") == "1"
IN_PROCESS_TARGETS = [(name, "in-process") for name in registry.names()]
TARGETS = [("external", "any")] if EXTERNAL else IN_PROCESS_TARGETS if IN_PROCESS else EDGE_TARGETS


def pytest_collection_modifyitems(config, items):
    """In process there is no HTTP server: tests of what only a real one does are skipped, and say so."""
    if not IN_PROCESS:
        return
    needs_a_server = pytest.mark.skip(reason="needs a real HTTP server: runs in make test")
    for item in items:
        if item.get_closest_marker("http_server"):
            item.add_marker(needs_a_server)


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
    if IN_PROCESS:
        from inprocess.wiring import wire

        with pytest.MonkeyPatch.context() as patch:
            wired = wire(architecture, tmp_path_factory.mktemp(f"{architecture}-in-process"), patch)
            try:
                yield wired
            finally:
                wired.close()
        return
    running = launch(architecture, db, tmp_path_factory.mktemp(f"{architecture}-{db}"))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def edge_url(edge) -> str:
    """The edge's base URL."""
    return edge.base_url
