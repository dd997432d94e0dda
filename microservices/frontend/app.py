"""The web frontend: the shared storefront pages, calling the services directly; reached through the gateway."""

import os

from flask import Flask

from bookstore.edge.app import create_edge_app
from microservices.services_store import ServicesStore
from microservices.settings import ServiceSettings


def create_app(test_config: dict | None = None) -> Flask:
    """`gunicorn 'microservices.frontend.app:create_app()'`."""
    app = create_edge_app(
        ServicesStore(ServiceSettings.from_environment()), "microservices", test_config, parts=("pages",)
    )

    @app.get("/health")
    def health():
        """Liveness of the frontend."""
        return {"status": "ok", "architecture": "microservices", "service": "frontend", "pid": os.getpid()}

    return app
