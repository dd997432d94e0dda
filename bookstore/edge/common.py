"""What every JSON server of every architecture gets alike, so that none answers differently from another."""

from typing import cast

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider

from bookstore.edge.body_limit import install_body_limit
from bookstore.edge.errors import register_error_handlers
from bookstore.edge.request_id import install_request_id
from bookstore.errors import InvalidInput
from bookstore.settings import MAX_BODY_BYTES

ACCOUNT_HEADER = "X-Account-Id"  # set by the edge that checked the bearer token, for the components behind it


def install_common(app: Flask) -> None:
    """The contract's body limit (413, chunked bodies too), request ids, JSON errors, fields in their order."""
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    cast(DefaultJSONProvider, app.json).sort_keys = False  # Flask's default provider, which has the setting
    install_request_id(app)
    install_body_limit(app)
    register_error_handlers(app)


def vouched_account() -> int:
    """The account the calling edge authenticated and passes on in X-Account-Id."""
    value = request.headers.get(ACCOUNT_HEADER, "")
    if not value.isdigit():
        raise InvalidInput(f"{ACCOUNT_HEADER} is missing")
    return int(value)
