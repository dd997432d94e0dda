"""The web frontend: the shared storefront pages, calling the services directly; reached through the gateway."""

import os

from flask import Flask

from bookstore.edge.app import create_edge_app
from bookstore.edge.common import require_internal_proof
from microservices.services_store import ServicesStore
from microservices.settings import ServiceSettings


def create_app(test_config: dict | None = None) -> Flask:
    """`gunicorn 'microservices.frontend.app:create_app()'`."""
    settings = ServiceSettings.from_environment()
    store = ServicesStore(settings, caller="frontend")
    app = create_edge_app(store, "microservices", test_config, parts=("pages",))
    # Reached only through the gateway, which relays the client's address in its signed assertion.
    require_internal_proof(app, settings.internal_secret)

    @app.get("/health")
    def health():
        """Liveness of the frontend."""
        return {"status": "ok", "architecture": "microservices", "service": "frontend", "pid": os.getpid()}

    return app
