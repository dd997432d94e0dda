"""A Flask hook that holds a chunked request body to MAX_CONTENT_LENGTH, as Werkzeug does one with Content-Length."""

import io

from flask import Flask, request
from werkzeug.exceptions import RequestEntityTooLarge

READ_BYTES = 64 * 1024


def install_body_limit(app: Flask) -> None:
    """A body sent without Content-Length (Transfer-Encoding: chunked) over the limit is refused with 413.

    Werkzeug stops reading such a body at the limit without an error, so the handler would see its first
    MAX_CONTENT_LENGTH bytes as if they were all of it: a valid document padded past the limit was accepted.
    """

    @app.before_request
    def _refuse_an_oversized_chunked_body():
        limit = request.max_content_length
        if limit is None or "chunked" not in request.environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return
        stream, body = request.environ["wsgi.input"], bytearray()
        while len(body) <= limit:
            chunk = stream.read(min(READ_BYTES, limit + 1 - len(body)))
            if not chunk:
                break
            body += chunk
        if len(body) > limit:
            raise RequestEntityTooLarge()
        # From here on the body is an ordinary one of known length, read from memory.
        request.environ.update({"wsgi.input": io.BytesIO(bytes(body)), "CONTENT_LENGTH": str(len(body))})
        del request.environ["HTTP_TRANSFER_ENCODING"]
