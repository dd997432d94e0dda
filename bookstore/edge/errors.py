"""Every error leaves the edge as JSON {"error": {"code", "message"}}, whatever raised it."""

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from bookstore.errors import BookstoreError, Conflict, InvalidInput, NotFound, Unauthorized, Unavailable

log = logging.getLogger(__name__)

STATUS_OF = {InvalidInput: 400, Unauthorized: 401, NotFound: 404, Conflict: 409, Unavailable: 503}

HTTP_CODES = {
    400: "invalid_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    503: "service_unavailable",
}


def error_response(status: int, code: str, message: str):
    """The JSON error shape with its status (and the auth challenge on 401)."""
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def status_of(error: BookstoreError) -> int:
    """The HTTP status for a domain error."""
    return next((status for kind, status in STATUS_OF.items() if isinstance(error, kind)), 400)


def register_error_handlers(app: Flask) -> None:
    """Map domain errors, HTTP errors and crashes to the JSON error shape."""

    @app.errorhandler(BookstoreError)
    def _domain(error: BookstoreError):
        return error_response(status_of(error), error.code, error.message)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        status = error.code or 500
        return error_response(status, HTTP_CODES.get(status, "http_error"), error.description or error.name)

    @app.errorhandler(Exception)
    def _crash(error: Exception):
        log.exception("unhandled error")
        return error_response(500, "internal_error", "internal server error")
