"""The time a request has left, passed from hop to hop as gRPC passes its deadline.

The first server a request reaches gives it a budget (REQUEST_BUDGET_MS, or less if the caller sent less in
X-Time-Budget-Ms); every internal call carries what is left of it in the same header, and waits for its
answer no longer than that. A callee whose budget is spent on arrival answers 504 at once without doing the
work (bookstore/edge/deadline_wsgi.py), so a chain of hops never works for a caller that has given up.
Work with no deadline (a background undo, a heartbeat) runs under its clients' own timeouts.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from time import monotonic

from bookstore.errors import DeadlineExceeded

HEADER = "X-Time-Budget-Ms"
SPENT_BELOW_S = 0.001  # the header counts whole milliseconds: less than one left cannot be passed on
_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)


def budget_ms(sent: str | None, ceiling_ms: float) -> float:
    """The budget of a request that arrived with header value `sent`: the caller's, never above the ceiling.

    A header that is not a number is ignored (the ceiling applies); a negative one counts as spent.
    """
    try:
        asked = float(sent) if sent is not None else ceiling_ms
    except ValueError:
        return ceiling_ms
    return min(asked, ceiling_ms) if asked == asked else ceiling_ms  # NaN: as if not sent


@contextmanager
def within(milliseconds: float) -> Iterator[None]:
    """Run the block under a budget of `milliseconds` from now."""
    token = _deadline.set(monotonic() + milliseconds / 1000)
    try:
        yield
    finally:
        _deadline.reset(token)


@contextmanager
def suspended() -> Iterator[None]:
    """Run the block with no deadline: an undo must run even when the request that needs it ran out of time."""
    token = _deadline.set(None)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining_s() -> float | None:
    """Seconds left of the current request's budget; None where no budget applies."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - monotonic()


def check(before: str) -> None:
    """Raise DeadlineExceeded if the budget is spent, before starting the step named `before`."""
    left = remaining_s()
    if left is not None and left < SPENT_BELOW_S:
        raise DeadlineExceeded(f"the request's time budget ran out before {before}")


def bounded(configured_s: float) -> float:
    """A wait of `configured_s`, cut to what is left of the budget: min(own timeout, remaining budget)."""
    left = remaining_s()
    return configured_s if left is None else max(min(configured_s, left), 0.0)


def outgoing_headers(before: str) -> dict[str, str]:
    """The header that passes the budget on to a call about to be made; DeadlineExceeded if none is left."""
    check(before)
    left = remaining_s()
    return {} if left is None else {HEADER: str(int(left * 1000))}
