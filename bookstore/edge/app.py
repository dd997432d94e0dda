"""The edge application factory: one Flask app over whatever Store an architecture wires in."""

from pathlib import Path

from flask import Flask

from bookstore.edge.api import api
from bookstore.edge.body_limit import install_body_limit
from bookstore.edge.errors import register_error_handlers
from bookstore.edge.pages import pages
from bookstore.edge.request_id import install_request_id
from bookstore.store import Store

MAX_BODY_BYTES = 64 * 1024
_PACKAGE = Path(__file__).resolve().parent.parent


def create_edge_app(
    store: Store, architecture: str, test_config: dict | None = None, parts: tuple[str, ...] = ("api", "pages")
) -> Flask:
    """A Flask app serving the edge API and/or the storefront over `store`."""
    app = Flask(
        __name__,
        template_folder=str(_PACKAGE / "templates"),
        static_folder=None,
    )
    app.config.update(ARCHITECTURE=architecture, MAX_CONTENT_LENGTH=MAX_BODY_BYTES)
    app.config.update(test_config or {})
    app.json.sort_keys = False
    app.extensions["store"] = store
    install_request_id(app)
    install_body_limit(app)
    register_error_handlers(app)
    if "api" in parts:
        app.register_blueprint(api)
    if "pages" in parts:
        app.register_blueprint(pages)
    return app
