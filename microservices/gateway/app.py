"""The API gateway (the edge): the edge API routed to the owning services, storefront pages to the frontend."""

import urllib3
from flask import Flask, Response, request

from bookstore import deadline, http_pool
from bookstore.edge.app import create_edge_app
from bookstore.errors import Unavailable
from bookstore.internal_proof import Signer
from bookstore.request_context import HEADER, current_request_id
from microservices.service_client import TIMEOUT
from microservices.services_store import ServicesStore
from microservices.settings import ServiceSettings

PAGES = [
    ("/", ["GET"]),
    ("/books/<int:book_id>", ["GET"]),
    ("/login", ["GET", "POST"]),
    ("/register", ["GET", "POST"]),
    ("/logout", ["POST"]),
    ("/orders", ["GET", "POST"]),
]
PASSED_ON = ("Content-Type", "Cookie")
PASSED_BACK = ("Content-Type", "Location")


def create_app(test_config: dict | None = None) -> Flask:
    """`gunicorn 'microservices.gateway.app:create_app()'`: tokens checked here, no business rule."""
    settings = ServiceSettings.from_environment()
    app = create_edge_app(ServicesStore(settings), "microservices", test_config, parts=("api",))
    frontend = settings.service_url("frontend")
    http = http_pool.pooled_http(TIMEOUT, settings.worker_threads)
    signer = Signer(settings.internal_secret, "gateway")

    def to_frontend(**_path_values):
        """Pass a storefront page through to the frontend service."""
        headers = {name: request.headers[name] for name in PASSED_ON if name in request.headers}
        headers.update({HEADER: current_request_id.get() or "", **signer.headers()})
        headers.update(deadline.outgoing_headers("the storefront page"))
        url = f"{frontend}{request.full_path if request.query_string else request.path}"
        try:
            answer = http.request(
                request.method,
                url,
                body=request.get_data(),
                headers=headers,
                redirect=False,
                timeout=http_pool.within_budget(TIMEOUT),
            )
        except urllib3.exceptions.HTTPError:
            raise Unavailable("the storefront is unavailable") from None
        response = Response(answer.data, status=answer.status)
        for name in PASSED_BACK:
            if name in answer.headers:
                response.headers[name] = answer.headers[name]
        for cookie in answer.headers.getlist("Set-Cookie"):
            response.headers.add("Set-Cookie", cookie)
        return response

    for rule, methods in PAGES:
        app.add_url_rule(rule, endpoint=f"page:{rule}", view_func=to_frontend, methods=methods)
    return app
