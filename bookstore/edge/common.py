"""What every JSON server of every architecture gets alike, so that none answers differently from another."""

from typing import cast

from flask import Flask, g, request
from flask.json.provider import DefaultJSONProvider

from bookstore import internal_proof
from bookstore.edge.body_limit import install_body_limit
from bookstore.edge.client_address import install_client_address
from bookstore.edge.errors import register_error_handlers
from bookstore.edge.request_id import install_request_id
from bookstore.errors import Unauthorized
from bookstore.settings import MAX_BODY_BYTES

OPEN_PATHS = ("/health",)  # liveness answers anyone: the launcher and the balancers ask it without proof


def install_common(app: Flask) -> None:
    """The contract's body limit (413, chunked bodies too), request ids, JSON errors, fields in their order."""
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    cast(DefaultJSONProvider, app.json).sort_keys = False  # Flask's default provider, which has the setting
    install_request_id(app)
    install_body_limit(app)
    register_error_handlers(app)


def require_internal_proof(app: Flask, secret: str) -> None:
    """Every request of an internal server (but /health) must carry a valid signed assertion, else 401.

    The assertion's client address becomes the request's current_client_address (for the log-in throttle).
    """
    verifier = internal_proof.Verifier(secret)  # one per server process, shared by its threads

    @app.before_request
    def _check_internal_proof():
        if request.path in OPEN_PATHS:
            return
        g.assertion = verifier.verify(request.headers.get(internal_proof.HEADER, ""))

    install_client_address(app, lambda: g.assertion.client_address if "assertion" in g else None)


def vouched_account() -> int:
    """The account the calling edge authenticated, as its verified assertion names it."""
    assertion = g.get("assertion")
    if assertion is None or assertion.account_id is None:
        raise Unauthorized("the internal assertion names no account")
    return assertion.account_id
