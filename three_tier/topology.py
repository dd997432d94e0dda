"""The three-tier deployment: presentation on the edge port, application tier behind it, PostgreSQL as data tier."""

from collections.abc import Mapping

from three_tier.architecture import ARCHITECTURE
from three_tier.internal_api import DEFAULT_INTERNAL_KEY
from topology import Architecture, Component, Network


def describe(
    network: Network,
    database_url: str,
    db: str,
    replica_urls: tuple[str, ...] = (),
    settings: Mapping[str, str] | None = None,
) -> Architecture:
    """Two gunicorn servers and the data tier; APP_REPLICAS=N runs N application tiers on one port.

    Only the application tier reaches the data tier, so it alone is given the database's replicas.
    """
    settings = settings or {}
    shared = {"INTERNAL_API_KEY": settings.get("INTERNAL_API_KEY") or DEFAULT_INTERNAL_KEY}
    replicas = {"DATABASE_REPLICA_URLS": ",".join(replica_urls)} if replica_urls else {}
    application = Component(
        name="application",
        wsgi_app="three_tier.application.app:create_app()",
        port=network.port("application"),
        env={**shared, **replicas},
        replicas=int(settings.get("APP_REPLICAS") or 1),
    )
    presentation = Component(
        name="presentation",
        wsgi_app="three_tier.presentation.app:create_app()",
        port=network.port("presentation", edge=True),
        # The presentation tier gets no DATABASE_URL: it has no way to reach the data tier.
        env={**shared, "APP_TIER_URL": network.url("application"), "DATABASE_URL": ""},
    )
    return Architecture(
        name=ARCHITECTURE.name,
        label=ARCHITECTURE.label(db),
        components=[application, presentation],
        prepare=[["bookstore.shared_database"]],
        edge=presentation.name,
    )
