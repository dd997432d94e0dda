"""The presentation tier's entry point: `gunicorn 'three_tier.presentation.app:create_app()'`."""

from flask import Flask

from bookstore.edge.app import create_edge_app
from bookstore.settings import Settings
from three_tier.internal_api import application_tier_url, internal_key
from three_tier.presentation.remote_store import RemoteStore


def create_app(test_config: dict | None = None) -> Flask:
    """The edge over a remote proxy of the application tier (the presentation tier's composition root)."""
    store = RemoteStore(application_tier_url(), internal_key(), Settings.from_environment())
    return create_edge_app(store, "three_tier", test_config)
