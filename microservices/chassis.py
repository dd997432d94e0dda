"""The microservice chassis: what every service's Flask app gets alike (request ids, JSON errors, health, limits)."""

import os

from flask import Blueprint, Flask, request

from bookstore.database import Database
from bookstore.edge.body_limit import install_body_limit
from bookstore.edge.errors import register_error_handlers
from bookstore.edge.request_id import install_request_id
from bookstore.errors import InvalidInput
from bookstore.replicas import ReadSettings
from microservices.request_counter import install_request_counter
from microservices.service_client import ACCOUNT_HEADER

MAX_BODY_BYTES = 64 * 1024


def create_service_app(name: str, api: Blueprint, test_config: dict | None = None) -> Flask:
    """A service: its API, a /health naming it, JSON errors, and a pooled connection to its own database."""
    app = Flask(name)
    app.config.update(MAX_CONTENT_LENGTH=MAX_BODY_BYTES, **(test_config or {}))
    app.json.sort_keys = False
    url = app.config.pop("DATABASE_URL", None) or os.environ.get("DATABASE_URL")
    if url:
        # Replicas, where the deployment gives this service any (only the catalog reads from them).
        app.extensions["database"] = Database(url, ReadSettings.from_environment())
    install_request_id(app)
    install_body_limit(app)
    install_request_counter(app)
    register_error_handlers(app)
    app.register_blueprint(api)

    @app.get("/health")
    def health():
        """Liveness of this service."""
        return {"status": "ok", "architecture": "microservices", "service": name, "pid": os.getpid()}

    return app


def calling_account() -> int:
    """The account the gateway authenticated, passed on in X-Account-Id."""
    value = request.headers.get(ACCOUNT_HEADER, "")
    if not value.isdigit():
        raise InvalidInput(f"{ACCOUNT_HEADER} is missing")
    return int(value)
