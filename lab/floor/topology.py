"""The floor's deployment: one gunicorn server with the same settings as every architecture's servers."""

from lab.topology import Architecture, Component


def describe(edge_port: int, database_url: str, db: str, replica_urls: tuple[str, ...] = ()) -> Architecture:
    """One component on the edge port, no database."""
    server = Component(name="floor", wsgi_app="lab.floor.app:create_app()", port=edge_port)
    return Architecture(name="floor", label="floor", components=[server], prepare=[], edge_port=edge_port)
