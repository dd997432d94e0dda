"""The edge notes each request's client address: the socket's peer, never an X-Forwarded-For the client sent."""

from flask import Flask, g, request

from bookstore.request_context import current_client_address


def install_client_address(app: Flask) -> None:
    """Every request of `app` runs with current_client_address set to its peer's address."""

    @app.before_request
    def _note_client_address():
        g.client_address_token = current_client_address.set(request.remote_addr)

    @app.teardown_request
    def _forget_client_address(_error):
        token = g.pop("client_address_token", None)
        if token is not None:
            current_client_address.reset(token)
