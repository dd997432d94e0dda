"""A read of one statement opens no transaction (on PostgreSQL: no BEGIN and ROLLBACK round trips); a read of
several keeps its one transaction; and the pooled connection goes back to transactions for the next caller."""

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import event, text

from bookstore.database import Database
from lab.launch.ports import free_port
from lab.launch.postgres import EmbeddedPostgres


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    folder = tmp_path_factory.mktemp("postgres")
    running = EmbeddedPostgres(folder / "pgdata", free_port(), folder / "postgres.log")
    running.start()
    yield Database(running.url("postgres"), pool_size=1)
    running.stop()


def status(conn) -> TransactionStatus:
    return conn.connection.dbapi_connection.info.transaction_status


def test_on_postgresql_a_single_statement_read_runs_outside_any_transaction(postgres):
    with postgres.read(single_statement=True) as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
        assert status(conn) == TransactionStatus.IDLE
    with postgres.read() as conn:  # the same pooled connection (pool_size=1), back in transactions
        conn.execute(text("SELECT 1"))
        assert status(conn) == TransactionStatus.INTRANS
    with postgres.write() as conn:
        conn.execute(text("SELECT 1"))
        assert status(conn) == TransactionStatus.INTRANS


def test_on_sqlite_a_single_statement_read_sends_no_begin_and_a_write_still_takes_the_lock_first(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'db.sqlite'}", pool_size=1)
    sent = []
    event.listen(database.engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    with database.read(single_statement=True) as conn:
        conn.execute(text("SELECT 1"))
    assert sent == ["SELECT 1"]
    sent.clear()
    with database.read() as conn:
        conn.execute(text("SELECT 1"))
    assert sent == ["BEGIN DEFERRED", "SELECT 1"]
    sent.clear()
    with database.write() as conn:
        conn.execute(text("SELECT 1"))
    assert sent == ["BEGIN IMMEDIATE", "SELECT 1"]
