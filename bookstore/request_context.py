"""The request id that follows one edge request through every tier, down to the SQL it runs."""

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
# The client's address as the edge saw it (its socket's peer, never a header the client sent), relayed inside
# the signed internal assertion (bookstore/internal_proof.py) to whatever counts failed log-ins.
current_client_address: ContextVar[str | None] = ContextVar("client_address", default=None)
# Only these characters may pass: the id ends up inside an SQL comment and in log lines.
_SAFE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def accept(candidate: str | None) -> str:
    """The caller's request id when it is safe to carry, else a fresh one."""
    return candidate if candidate and _SAFE.match(candidate) else uuid.uuid4().hex


def sql_comment() -> str:
    """A comment naming the current request, prefixed to SQL so database logs can be joined to it."""
    request_id = current_request_id.get()
    return f"/* request_id={request_id} */ " if request_id else ""
