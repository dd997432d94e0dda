"""The three-tier deployment: presentation on the edge port, application tier behind it, PostgreSQL as data tier."""

import os

from lab.topology import PYTHON, Architecture, Component, internal_port
from three_tier.internal_api import internal_key


def describe(edge_port: int, database_url: str, db: str, replica_urls: tuple[str, ...] = ()) -> Architecture:
    """Two gunicorn servers and the data tier; APP_REPLICAS=N runs N application tiers on one port.

    Only the application tier reaches the data tier, so it alone is given the database's replicas.
    """
    app_port = internal_port(edge_port, 1)
    shared = {"INTERNAL_API_KEY": internal_key()}
    replicas = {"DATABASE_REPLICA_URLS": ",".join(replica_urls)} if replica_urls else {}
    application = Component(
        name="application",
        wsgi_app="three_tier.application.app:create_app()",
        port=app_port,
        env={**shared, **replicas},
        replicas=int(os.environ.get("APP_REPLICAS", "1")),
    )
    presentation = Component(
        name="presentation",
        wsgi_app="three_tier.presentation.app:create_app()",
        port=edge_port,
        # The presentation tier gets no DATABASE_URL: it has no way to reach the data tier.
        env={**shared, "APP_TIER_URL": f"http://127.0.0.1:{app_port}", "DATABASE_URL": ""},
    )
    return Architecture(
        name="three_tier",
        label="three_tier",
        components=[application, presentation],
        prepare=[[PYTHON, "-m", "bookstore.schema"]],
        edge_port=edge_port,
    )
