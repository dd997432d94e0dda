"""A PostgreSQL outage: requests meanwhile get Unavailable (a 503, not a crash); the first one after a restart works."""

import pytest
from sqlalchemy import text

from bookstore.database import Database
from bookstore.errors import Unavailable
from lab.launch.ports import free_port
from lab.launch.postgres import EmbeddedPostgres


@pytest.fixture
def server(tmp_path):
    running = EmbeddedPostgres(tmp_path / "pgdata", free_port(), tmp_path / "postgres.log")
    running.start()
    yield running
    running.stop()


def answer(database: Database) -> int:
    with database.read() as conn:
        return conn.execute(text("SELECT 1")).scalar_one()


def test_while_the_database_is_down_a_request_gets_unavailable(server):
    database = Database(server.url("postgres"))
    assert answer(database) == 1
    server.stop()
    with pytest.raises(Unavailable, match="database"):
        answer(database)
    with pytest.raises(Unavailable), database.write() as conn:
        conn.execute(text("SELECT 1"))


def test_the_first_request_after_a_restart_gets_a_fresh_connection_not_a_dead_one(server):
    database = Database(server.url("postgres"))
    assert answer(database) == 1  # one connection is now pooled, idle
    server.stop()
    server.serve()
    assert answer(database) == 1  # the pooled connection was closed by the old server: it is replaced
