"""The presentation tier's entry point: `gunicorn 'three_tier.presentation.app:create_app()'`."""

from flask import Flask

from bookstore.edge.app import create_edge_app
from three_tier.presentation.remote_store import RemoteStore
from three_tier.settings import ThreeTierSettings


def create_app(test_config: dict | None = None) -> Flask:
    """The edge over a remote proxy of the application tier (the presentation tier's composition root)."""
    settings = ThreeTierSettings.from_environment()
    store = RemoteStore(settings.app_tier_url, settings.internal_api_key, settings)
    return create_edge_app(store, "three_tier", test_config)
