"""A freshly seeded database has its planner statistics at once and leaves nothing for PostgreSQL's autovacuum to
do, so no vacuum or analyse starts in the middle of a measurement and no plan changes under it."""

import sqlite3
import time

import pytest
from sqlalchemy import text

from bookstore import shared_database
from bookstore.database import Database
from lab.launch.ports import free_port
from lab.launch.postgres import EmbeddedPostgres
from microservices.provision import create_tables_and_seed

SEEDED_TABLES = {"books", "accounts"}


@pytest.fixture(scope="module")
def postgres(tmp_path_factory):
    folder = tmp_path_factory.mktemp("postgres")
    running = EmbeddedPostgres(folder / "pgdata", free_port(), folder / "postgres.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def postgres_url(postgres, request):
    """A database of this test's own on the module's server."""
    name = request.node.name.lower()[:40]
    admin = Database(postgres.url("postgres"), pool_size=1)
    with admin.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return postgres.url(name)


def left_for_autovacuum(url: str, seeded: dict[str, int]) -> dict[str, tuple]:
    """(vacuumed, analysed, rows changed since the analyse, rows inserted since the vacuum) of each seeded table,
    once the seed's own inserts show in the statistics (a session publishes its counts when it likes, at
    the latest when it ends), or after a generous deadline."""
    query = text(
        "SELECT relname, n_tup_ins, last_vacuum IS NOT NULL, last_analyze IS NOT NULL, "
        "n_mod_since_analyze, n_ins_since_vacuum FROM pg_stat_user_tables"
    )
    database, deadline, found = Database(url, pool_size=1), time.monotonic() + 60, {}
    try:
        while time.monotonic() < deadline:
            with database.read() as conn:
                conn.execute(text("SELECT pg_stat_clear_snapshot()"))
                rows = {row[0]: row[1:] for row in conn.execute(query) if row[0] in seeded}
            found = {name: tuple(row[1:]) for name, row in rows.items()}
            if all(name in rows and rows[name][0] >= count for name, count in seeded.items()):
                break
            time.sleep(0.2)
    finally:
        database.dispose()
    return found


def test_the_shared_postgresql_database_is_vacuumed_and_analysed_when_seeded(postgres_url):
    shared_database.prepare(postgres_url, books=300, accounts_count=30)
    seeded = {"books": 300, "accounts": 30}
    assert left_for_autovacuum(postgres_url, seeded) == dict.fromkeys(seeded, (True, True, 0, 0))


def test_a_microservice_database_is_vacuumed_and_analysed_when_seeded(postgres_url, monkeypatch):
    monkeypatch.setenv("SEED_BOOKS", "300")
    create_tables_and_seed("catalog", postgres_url)
    assert left_for_autovacuum(postgres_url, {"books": 300}) == {"books": (True, True, 0, 0)}


def test_a_seeded_sqlite_file_keeps_statistics_for_its_indexed_tables(tmp_path):
    path = tmp_path / "bookstore.sqlite"
    shared_database.prepare(f"sqlite:///{path}", books=300, accounts_count=30)
    with sqlite3.connect(path) as conn:
        analysed = {table for (table,) in conn.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
    assert analysed >= SEEDED_TABLES
