"""The one way every architecture opens its database: pooled engines and explicit read/write transactions."""

import os
from contextlib import contextmanager

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine

from bookstore.request_context import sql_comment

SQLITE_BUSY_TIMEOUT_MS = 30_000


def _configure_sqlite(engine: Engine) -> None:
    """WAL lets readers run beside the one writer; BEGIN IMMEDIATE takes the write lock up front.

    A deferred transaction that reads and then writes can only fail with "database is locked" when
    another process wrote in between, whatever the busy timeout, so writers queue on the lock instead.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection):
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def _tag_statements_with_request_id(engine: Engine) -> None:
    # On only where someone reads the database's statement log: a comment that differs per request
    # also keeps the driver from reusing prepared statements, which the bench would pay for.
    if os.environ.get("SQL_REQUEST_IDS") != "1":
        return

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _prefix(_conn, _cursor, statement, parameters, _context, _executemany):
        return sql_comment() + statement, parameters


def pool_size() -> int:
    """Connections per process: one per gunicorn thread, so no request waits for a connection."""
    return int(os.environ.get("DB_POOL_SIZE", os.environ.get("GUNICORN_THREADS", "4")))


class Database:
    """A pooled engine for one database URL (SQLite file or PostgreSQL)."""

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = create_engine(
                url,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                pool_size=pool_size(),
                max_overflow=0,
            )
            _configure_sqlite(self.engine)
        else:
            # No pre-ping: it would add a database round trip to every request of the bench.
            self.engine = create_engine(url, pool_size=pool_size(), max_overflow=2, pool_recycle=1800)
        _tag_statements_with_request_id(self.engine)

    @contextmanager
    def read(self):
        """A connection in a read-only unit of work (rolled back at the end)."""
        with self.engine.connect() as conn, conn.begin() as transaction:
            yield conn
            transaction.rollback()

    @contextmanager
    def write(self):
        """A connection in one transaction: committed when the block ends, rolled back on error."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    def create_schema(self, *metadatas: MetaData) -> None:
        """Create the tables of the given bounded contexts where they do not exist yet."""
        with self.engine.begin() as conn:
            for metadata in metadatas:
                metadata.create_all(conn)

    def dispose(self) -> None:
        """Close pooled connections, e.g. after gunicorn forks a worker."""
        self.engine.dispose()
