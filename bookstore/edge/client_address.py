"""Each request's client address, for the log-in throttle: at the edge the socket's peer (never an
X-Forwarded-For the client sent), behind it the address the edge's signed assertion relays."""

from collections.abc import Callable

from flask import Flask, g, request

from bookstore.request_context import current_client_address


def install_client_address(app: Flask, address_of: Callable[[], str | None] = lambda: request.remote_addr) -> None:
    """Every request of `app` runs with current_client_address set to address_of(), reset when it ends.

    Installed after any check that address_of relies on: before-request functions run in that order.
    """

    @app.before_request
    def _note_client_address():
        g.client_address_token = current_client_address.set(address_of())

    @app.teardown_request
    def _forget_client_address(_error):
        token = g.pop("client_address_token", None)
        if token is not None:
            current_client_address.reset(token)
