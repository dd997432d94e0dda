"""The monolith's WSGI entry point: `gunicorn 'monolith.app:create_app()'`."""

from flask import Flask

from bookstore.edge.app import create_edge_app
from monolith.bootstrap import bootstrap


def create_app(test_config: dict | None = None) -> Flask:
    """The whole store in one Flask app; DATABASE_URL in test_config overrides the environment."""
    config = dict(test_config or {})
    store = bootstrap(config.pop("DATABASE_URL", None))
    return create_edge_app(store, "monolith", config)
