"""Reading the caller's identity from a bearer token."""

from flask import request

from bookstore.errors import Unauthorized
from bookstore.store import Store


def bearer_token() -> str:
    """The token of an `Authorization: Bearer` header; Unauthorized when absent or malformed."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("missing bearer token")
    return token.strip()


def current_account(store: Store) -> int:
    """The authenticated account id of this request."""
    return store.authenticate(bearer_token())
