"""The monolith's deployment: one gunicorn server holding the whole store, one database."""

from lab.topology import PYTHON, Architecture, Component


def describe(edge_port: int, database_url: str, db: str, replica_urls: tuple[str, ...] = ()) -> Architecture:
    """One component on the edge port; every context in one database, its replicas read by the same process."""
    replicas = {"DATABASE_REPLICA_URLS": ",".join(replica_urls)} if replica_urls else {}
    server = Component(name="monolith", wsgi_app="monolith.app:create_app()", port=edge_port, env=replicas)
    return Architecture(
        name="monolith",
        label="monolith" if db == "sqlite" else "monolith-postgres",
        components=[server],
        prepare=[[PYTHON, "-m", "bookstore.schema"]],
        edge_port=edge_port,
    )
