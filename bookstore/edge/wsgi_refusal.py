"""A refusal answered at the WSGI level, before the app runs: the contract's JSON error shape, cheaply."""

import json
from collections.abc import Callable, Iterable

StartResponse = Callable[..., object]
WsgiApp = Callable[[dict, StartResponse], Iterable[bytes]]
REASONS = {503: "Service Unavailable", 504: "Gateway Timeout"}


def refuse(
    start_response: StartResponse, status: int, code: str, message: str, headers: tuple[tuple[str, str], ...] = ()
) -> list[bytes]:
    """Answer {"error": {"code", "message"}} with `status` and any extra headers (e.g. Retry-After)."""
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    start_response(
        f"{status} {REASONS.get(status, 'Error')}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *headers],
    )
    return [body]
