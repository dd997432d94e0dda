"""The database's circuit breaker: a server that cannot be reached is refused at once after a few tries."""

import psycopg
import pytest
from sqlalchemy import event, exc, text

from bookstore import database_breaker
from bookstore.database import Database
from bookstore.errors import NotFound, Unavailable


def _lost() -> exc.OperationalError:
    return exc.OperationalError("SELECT 1", {}, psycopg.OperationalError("connection failed: timeout expired"))


def _run(circuit, error: BaseException) -> None:
    with database_breaker.guarded(circuit):
        raise error


def test_it_opens_after_connection_failures_in_a_row_and_then_refuses_without_trying():
    circuit = database_breaker.breaker()
    for _ in range(database_breaker.FAILURES_TO_OPEN):
        with pytest.raises(exc.OperationalError):
            _run(circuit, _lost())
    tried = []
    with pytest.raises(Unavailable), database_breaker.guarded(circuit):
        tried.append(True)
    assert tried == []


def test_a_statements_own_failures_never_open_it():
    circuit = database_breaker.breaker()
    failed_statement = exc.OperationalError("SELECT", {}, psycopg.errors.SerializationFailure("could not serialize"))
    for error in [NotFound("no such book"), failed_statement] * database_breaker.FAILURES_TO_OPEN:
        with pytest.raises(type(error)):
            _run(circuit, error)
    assert circuit.current_state == "closed"


def test_a_database_that_cannot_be_reached_is_refused_at_once_once_open():
    database = Database("postgresql+psycopg://lab@127.0.0.1:1/nothing")  # nothing listens on port 1
    attempts = []
    event.listen(database.engine, "do_connect", lambda *args: attempts.append(1))
    for _ in range(database_breaker.FAILURES_TO_OPEN):
        with pytest.raises(Unavailable), database.read() as conn:
            conn.execute(text("SELECT 1"))
    tried = len(attempts)
    with pytest.raises(Unavailable, match="cannot be reached"), database.write() as conn:
        conn.execute(text("SELECT 1"))
    assert len(attempts) == tried > 0
    database.dispose()
