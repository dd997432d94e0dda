"""The application tier's entry point: `gunicorn 'three_tier.application.app:create_app()'`."""

import os

from flask import Flask, jsonify

from bookstore.database import Database
from bookstore.edge.common import install_common, require_internal_proof
from bookstore.inprocess import InProcessStore
from three_tier.application.api import internal
from three_tier.settings import ThreeTierSettings


def create_app(test_config: dict | None = None) -> Flask:
    """The business rules over the data tier (the application tier's composition root)."""
    settings = ThreeTierSettings.from_environment()
    config = {"INTERNAL_KEY": settings.internal_api_key, **(test_config or {})}
    if config.get("DATABASE_URL"):
        settings = settings.with_database_url(config.pop("DATABASE_URL"))
    store = InProcessStore(Database.for_server(settings), settings)
    app = Flask(__name__)
    install_common(app)
    require_internal_proof(app, settings.internal_secret)
    app.config.update(config)
    app.extensions["store"] = store
    app.register_blueprint(internal)

    @app.get("/health")
    def health():
        """Liveness of the application tier."""
        facts = {"tier": "application", "pid": os.getpid(), **store.ready()}
        return jsonify({"status": "ok", "architecture": "three_tier", **facts})

    return app
