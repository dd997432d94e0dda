"""The microservice chassis: what every service's Flask app gets alike (request ids, JSON errors, health, limits)."""

import os

from flask import Blueprint, Flask

from bookstore.database import Database
from bookstore.edge.common import install_common, require_internal_proof, vouched_account
from microservices.request_counter import install_request_counter
from microservices.settings import ServiceSettings


def create_service_app(name: str, api: Blueprint, test_config: dict | None = None) -> Flask:
    """A service: its API, a /health naming it, JSON errors, and a pooled connection to its own database.

    Its composition root: the settings are read here, once; DATABASE_URL in test_config overrides them.
    """
    app = Flask(name)
    install_common(app)
    config = dict(test_config or {})
    settings = ServiceSettings.from_environment()
    if "DATABASE_URL" in config:
        settings = settings.with_database_url(config.pop("DATABASE_URL"))
    app.config.update(config)
    app.extensions["settings"] = settings
    require_internal_proof(app, settings.internal_secret)
    if settings.database_url:
        # Replicas, where the deployment gives this service any (only the catalog reads from them).
        app.extensions["database"] = Database.for_server(settings)
    install_request_counter(app, settings.count_dir)
    app.register_blueprint(api)

    @app.get("/health")
    def health():
        """Liveness of this service."""
        return {"status": "ok", "architecture": "microservices", "service": name, "pid": os.getpid()}

    return app


def calling_account() -> int:
    """The account the gateway authenticated, as the signed assertion of the call names it."""
    return vouched_account()
