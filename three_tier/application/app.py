"""The application tier's entry point: `gunicorn 'three_tier.application.app:create_app()'`."""

import os

from flask import Flask, jsonify

from bookstore.accounts.tokens import token_secret
from bookstore.database import Database
from bookstore.edge.body_limit import install_body_limit
from bookstore.edge.errors import register_error_handlers
from bookstore.edge.request_id import install_request_id
from bookstore.inprocess import InProcessStore
from bookstore.replicas import ReadSettings
from three_tier.application.api import internal
from three_tier.internal_api import internal_key

MAX_BODY_BYTES = 64 * 1024


def create_app(test_config: dict | None = None) -> Flask:
    """The business rules over the data tier (the application tier's composition root)."""
    config = {"INTERNAL_KEY": internal_key(), "MAX_CONTENT_LENGTH": MAX_BODY_BYTES, **(test_config or {})}
    url = config.pop("DATABASE_URL", None) or os.environ["DATABASE_URL"]
    store = InProcessStore(Database(url, ReadSettings.from_environment()), token_secret())
    app = Flask(__name__)
    app.config.update(config)
    app.json.sort_keys = False
    app.extensions["store"] = store
    install_request_id(app)
    install_body_limit(app)
    register_error_handlers(app)
    app.register_blueprint(internal)

    @app.get("/health")
    def health():
        """Liveness of the application tier."""
        facts = {"tier": "application", "pid": os.getpid(), **store.ready()}
        return jsonify({"status": "ok", "architecture": "three_tier", **facts})

    return app
