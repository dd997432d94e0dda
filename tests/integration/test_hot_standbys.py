"""Real hot standbys: streamed from the primary, read where the mode says, left for the primary when they fail."""

import time

import pytest
from sqlalchemy import text

from bookstore.database import Database
from bookstore.settings import ReadSettings
from lab.launch.ports import free_port
from lab.launch.postgres import EmbeddedPostgres

GENEROUS_S = 60


@pytest.fixture
def servers(tmp_path):
    primary = EmbeddedPostgres(tmp_path / "primary", free_port(), tmp_path / "primary.log")
    primary.start()
    url = primary.create_database("shop")
    replica = primary.replica(tmp_path / "replica", free_port(), tmp_path / "replica.log", "replica_1")
    yield primary, replica, url, replica.url("shop")
    replica.stop()
    primary.stop()


def answered_by_a_replica(database: Database, stale_ok: bool = True) -> bool:
    with database.read(stale_ok=stale_ok) as conn:
        return conn.execute(text("SELECT pg_is_in_recovery()")).scalar_one()


def eventually(condition, what: str):
    deadline = time.monotonic() + GENEROUS_S
    while not condition():
        assert time.monotonic() < deadline, f"not within {GENEROUS_S} s: {what}"
        time.sleep(0.05)


def test_a_write_on_the_primary_streams_to_the_replica(servers):
    primary, _, url, replica_url = servers
    database = Database(url, ReadSettings(replica_urls=(replica_url,), mode="replica"))
    with database.write() as conn:
        conn.execute(text("CREATE TABLE t (x int)"))
        conn.execute(text("INSERT INTO t VALUES (42)"))

    def replicated() -> bool:
        with database.read(stale_ok=True) as conn:
            exists = conn.execute(text("SELECT to_regclass('t') IS NOT NULL")).scalar_one()
            return exists and conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 1

    eventually(replicated, "the row reached the replica")
    assert answered_by_a_replica(database) and not answered_by_a_replica(database, stale_ok=False)
    database.dispose()


def test_bounded_reads_use_the_replica_while_it_keeps_up_and_the_primary_once_it_cannot_be_known(servers):
    _, replica, url, replica_url = servers
    database = Database(url, ReadSettings(replica_urls=(replica_url,), mode="bounded", max_staleness_ms=500))
    eventually(lambda: answered_by_a_replica(database), "the lag watch found the replica within the bound")
    replica.stop()
    eventually(lambda: not answered_by_a_replica(database), "reads left a replica that stopped answering")
    database.dispose()


def test_in_replica_mode_a_replica_that_is_down_leaves_the_read_to_the_primary(servers):
    _, replica, url, replica_url = servers
    database = Database(url, ReadSettings(replica_urls=(replica_url,), mode="replica"))
    assert answered_by_a_replica(database)
    replica.stop()
    database.router.replicas[0].dispose()  # no pooled connection left to the stopped server
    assert not answered_by_a_replica(database)
    database.dispose()
