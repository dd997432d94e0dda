"""Every error leaves the edge as JSON {"error": {"code", "message"}}, whatever raised it."""

import json
import logging

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from bookstore.errors import (
    BookstoreError,
    Conflict,
    DeadlineExceeded,
    Forbidden,
    InvalidInput,
    NotFound,
    TooManyRequests,
    Unauthorized,
    Unavailable,
)

log = logging.getLogger(__name__)
DRAIN_LIMIT_BYTES = 1024 * 1024

# The first class an error is an instance of gives its status: DeadlineExceeded before Unavailable, its base.
STATUS_OF = {
    InvalidInput: 400,
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    TooManyRequests: 429,
    DeadlineExceeded: 504,
    Unavailable: 503,
}

HTTP_CODES = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
    503: "service_unavailable",
    504: "deadline_exceeded",
}


def error_response(status: int, code: str, message: str, retry_after_s: int | None = None):
    """The JSON error shape with its status (and the auth challenge on 401, the wait on 429).

    A 429 says its wait twice: in Retry-After for HTTP clients, and as error.retry_after_s, which an internal
    component's answer carries back to the edge that answers it again.
    """
    error: dict = {"code": code, "message": message}
    if retry_after_s is not None:
        error["retry_after_s"] = retry_after_s
    response = jsonify({"error": error})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    if retry_after_s is not None:
        response.headers["Retry-After"] = str(retry_after_s)
    return response


def error_from_answer(status: int, body: dict) -> BookstoreError:
    """The domain error an internal tier's JSON error answer stands for, so the edge can answer it again."""
    error = body.get("error", {}) if isinstance(body, dict) else {}
    code, message = error.get("code"), error.get("message") or f"internal call answered {status}"
    kind = next((kind for kind, known in STATUS_OF.items() if known == status), None)
    if kind is None:  # a crash behind the edge: the client can only retry later
        return Unavailable(f"an internal component failed ({status})")
    if kind is TooManyRequests:
        wait = error.get("retry_after_s")
        return TooManyRequests(message, code=code, retry_after_s=wait if isinstance(wait, int) else 1)
    return kind(message, code=code)


def payload_of_answer(status: int, data: bytes, component: str) -> dict:
    """The JSON body of an internal component's answer; its error re-raised as the domain error it stands for."""
    try:
        payload = json.loads(data) if data else {}
    except ValueError:
        raise Unavailable(f"the {component} answered something that is not JSON") from None
    if status >= 400:
        raise error_from_answer(status, payload)
    return payload


def status_of(error: BookstoreError) -> int:
    """The HTTP status for a domain error."""
    return next((status for kind, status in STATUS_OF.items() if isinstance(error, kind)), 400)


def _discard_unread_body(limit: int = DRAIN_LIMIT_BYTES) -> None:
    # The refused body is still in the socket. Gunicorn drains only 64 KiB of it before the next
    # request on a keep-alive connection and drops the connection past that, after it already
    # promised keep-alive; reading a bounded amount here keeps the connection usable.
    stream = request.environ.get("wsgi.input")
    remaining = limit
    while stream is not None and remaining > 0:
        chunk = stream.read(min(64 * 1024, remaining))
        if not chunk:
            return
        remaining -= len(chunk)


def register_error_handlers(app: Flask) -> None:
    """Map domain errors, HTTP errors and crashes to the JSON error shape."""

    @app.errorhandler(BookstoreError)
    def _domain(error: BookstoreError):
        wait = error.retry_after_s if isinstance(error, TooManyRequests) else None
        return error_response(status_of(error), error.code, error.message, wait)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        status = error.code or 500
        response = error_response(status, HTTP_CODES.get(status, "http_error"), error.description or error.name)
        # Headers the error carries belong to the answer: a 405 must say which methods are allowed.
        for name, value in error.get_headers():
            if name.lower() not in ("content-type", "content-length"):
                response.headers[name] = value
        if status == 413:
            _discard_unread_body()
        return response

    @app.errorhandler(Exception)
    def _crash(error: Exception):
        log.exception("unhandled error")
        return error_response(500, "internal_error", "internal server error")
