"""The edge application factory: one Flask app over whatever Store an architecture wires in."""

from pathlib import Path

from flask import Flask

from bookstore.edge.api import api
from bookstore.edge.client_address import install_client_address
from bookstore.edge.common import install_common
from bookstore.edge.pages import pages
from bookstore.edge.security_headers import install_security_headers
from bookstore.store import Store

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
    install_common(app)
    install_security_headers(app)
    install_client_address(app)
    app.config.update(ARCHITECTURE=architecture, **(test_config or {}))
    app.extensions["store"] = store
    if "api" in parts:
        app.register_blueprint(api)
    if "pages" in parts:
        app.register_blueprint(pages)
    return app
