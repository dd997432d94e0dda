"""A circuit breaker on a PostgreSQL server: once connecting to it has failed a few times running, requests are
answered 503 at once for a moment, instead of each waiting out the connection timeouts on a server that is gone.

The CAP experiment's CP site showed why: cut off from the primary, each request tried it for a second or two,
the few server threads filled up with such tries, and the requests behind them queued for the partition's
whole length. With the breaker open they fail in microseconds; one request tries again after OPEN_S.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pybreaker
from sqlalchemy import exc

from bookstore.errors import Unavailable

FAILURES_TO_OPEN = 3  # connection failures in a row
OPEN_S = 2.0


def lost_server(error: BaseException) -> bool:
    """Whether an error says the server could not be reached; a statement's own failure (a serialization
    failure, a constraint) says nothing about the server and never opens the breaker."""
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    orig = getattr(error, "orig", None)
    return isinstance(error, exc.OperationalError) and type(orig) is psycopg.OperationalError


def breaker(name: str = "database") -> pybreaker.CircuitBreaker:
    """A breaker for one server's engine."""
    return pybreaker.CircuitBreaker(
        fail_max=FAILURES_TO_OPEN,
        reset_timeout=OPEN_S,
        exclude=[lambda error: not lost_server(error)],
        throw_new_error_on_trip=False,
        name=name,
    )


@contextmanager
def guarded(circuit: pybreaker.CircuitBreaker | None) -> Iterator[None]:
    """The block under the breaker (None: no breaker, e.g. SQLite); Unavailable at once while it is open."""
    if circuit is None:
        yield
        return
    try:
        with circuit.calling():
            yield
    except pybreaker.CircuitBreakerError:
        raise Unavailable("the database cannot be reached; try again shortly") from None
