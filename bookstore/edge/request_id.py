"""Flask hooks that take or make the request id, keep it for the request, and echo it back."""

from flask import Flask, g, request

from bookstore.request_context import HEADER, accept, current_request_id


def install_request_id(app: Flask) -> None:
    """Every request of `app` runs with a request id, taken from X-Request-ID when the caller sent one."""

    @app.before_request
    def _take_request_id():
        request_id = accept(request.headers.get(HEADER))
        g.request_id_token = current_request_id.set(request_id)

    @app.after_request
    def _echo_request_id(response):
        response.headers[HEADER] = current_request_id.get() or ""
        return response

    @app.teardown_request
    def _forget_request_id(_error):
        token = g.pop("request_id_token", None)
        if token is not None:
            current_request_id.reset(token)
