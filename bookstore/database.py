"""The one way every architecture opens its database: pooled engines and explicit read/write transactions."""

import select
import weakref
from collections.abc import Callable, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

from sqlalchemy import MetaData, create_engine, event, exc
from sqlalchemy.engine import Connection, Engine

from bookstore import database_breaker
from bookstore.errors import Unavailable
from bookstore.replicas import ReadRouter
from bookstore.request_context import sql_comment
from bookstore.settings import ReadSettings, Settings

SQLITE_BUSY_TIMEOUT_MS = 30_000
# A PostgreSQL server that cannot be reached (a host gone, a network cut: the CAP experiment's CP site) fails a
# request in about a second instead of holding it: sent data or a connection's SYN unacknowledged for this long
# breaks the connection (Linux's TCP_USER_TIMEOUT counts both; a live server acknowledges in microseconds, even
# during a long query). libpq's own connect_timeout cannot go below 2 s; the user timeout comes first.
PG_TCP_USER_TIMEOUT_MS = 1000
# A pool has a connection per working thread, so a request waits for one only when they are all stuck on a
# server that does not answer: then it fails soon too, rather than queueing behind them (SQLAlchemy: 30 s).
POOL_TIMEOUT_S = 1.0
_NO_TRANSACTION: dict[str, dict[str, Any]] = {
    "sqlite": {"sqlite_begin": None},
    "postgresql": {"isolation_level": "AUTOCOMMIT"},
}
ENGINES: "weakref.WeakSet[Engine]" = weakref.WeakSet()  # every engine of this process (TRACE=1 instruments them)


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
        if mode:  # None: a single statement, atomic by itself (Database.read)
            connection.exec_driver_sql(f"BEGIN {mode}")


def _tag_statements_with_request_id(engine: Engine) -> None:
    # On only where someone reads the database's statement log (SQL_REQUEST_IDS): a comment that differs
    # per request also keeps the driver from reusing prepared statements, which the bench would pay for.
    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _prefix(_conn, _cursor, statement, parameters, _context, _executemany):
        return sql_comment() + statement, parameters


def _discard_connections_the_server_closed(engine: Engine) -> None:
    """At checkout, drop a pooled connection whose server hung up while it sat idle (e.g. a restart).

    A server that shuts down or restarts tells its idle clients and closes their sockets, which makes them
    readable. Asking the socket costs one system call, not the database round trip of pool_pre_ping; the
    pool then connects afresh, so the first request after a database restart succeeds instead of failing.
    """

    @event.listens_for(engine, "checkout")
    def _check(dbapi_connection, _record, _proxy):
        readable, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
        if readable:
            raise exc.DisconnectionError("the database server closed this connection")


@contextmanager
def _database_errors_as_unavailable():
    # A database that is down or restarting is an outage the client may retry, not a bug in this server.
    try:
        yield
    except (exc.OperationalError, exc.InterfaceError) as error:
        raise Unavailable("the database is unavailable; try again shortly") from error
    except exc.TimeoutError as error:  # no pooled connection came free in POOL_TIMEOUT_S
        raise Unavailable("the database is not answering; try again shortly") from error
    except exc.DBAPIError as error:
        if error.connection_invalidated:
            raise Unavailable("the database connection was lost; try again shortly") from error
        raise


def _postgres_engine(url: str, pool_size: int, tag_requests: bool) -> Engine:
    # No pre-ping: it would add a database round trip to every request of the bench. A server that
    # stops answering (a host gone, a network cut) fails a request in about a second, not in minutes.
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=2,
        pool_recycle=1800,
        pool_timeout=POOL_TIMEOUT_S,
        connect_args={"connect_timeout": 2, "tcp_user_timeout": PG_TCP_USER_TIMEOUT_MS},
    )
    _discard_connections_the_server_closed(engine)
    if tag_requests:
        _tag_statements_with_request_id(engine)
    ENGINES.add(engine)
    return engine


def gather_statistics(conn: Connection) -> None:
    """After a bulk load on conn (the seed, committed): the planner's statistics now, and nothing for autovacuum.

    Otherwise PostgreSQL's autovacuum vacuums and analyses freshly seeded tables a minute or so later, in the
    middle of whatever is being measured, and plans may change when it does (PostgreSQL's manual, "Populating
    a Database": run ANALYZE afterwards). It must be the loading connection: PostgreSQL 15+ counts a session's
    inserts in the session and publishes them later, and counts published after the VACUUM would make the
    tables look unvacuumed again, so they are published first. SQLite keeps statistics only when asked.
    """
    if conn.dialect.name == "sqlite":
        conn.execution_options(**_NO_TRANSACTION["sqlite"]).exec_driver_sql("ANALYZE")
        return
    conn = conn.execution_options(**_NO_TRANSACTION["postgresql"])  # VACUUM cannot run in a transaction
    if (conn.dialect.server_version_info or ()) >= (15,):
        conn.exec_driver_sql("SELECT pg_stat_force_next_flush()")
    conn.exec_driver_sql("VACUUM (ANALYZE)")


class Database:
    """A pooled engine for one database URL (SQLite file or PostgreSQL), and for its replicas if any.

    pool_size: one connection per gunicorn thread, so no request waits for one (Settings.database_pool_size).
    """

    def __init__(self, url: str, reads: ReadSettings | None = None, pool_size: int = 4, tag_requests: bool = False):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = create_engine(
                url,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                pool_size=pool_size,
                max_overflow=0,
            )
            _configure_sqlite(self.engine)
            ENGINES.add(self.engine)
            if tag_requests:
                _tag_statements_with_request_id(self.engine)
        else:
            self.engine = _postgres_engine(url, pool_size, tag_requests)
        # A server over the network may become unreachable; then fail at once rather than each request in turn.
        self.breaker = None if self.is_sqlite else database_breaker.breaker()
        replica = lambda replica_url: _postgres_engine(replica_url, pool_size, tag_requests)  # noqa: E731
        self.router = ReadRouter(self.engine, reads or ReadSettings(), replica)

    @classmethod
    def for_server(cls, settings: Settings, url: str | None = None) -> "Database":
        """A server process's database: its URL (settings.database_url unless given), pool and read routing."""
        return cls(url or settings.database_url, settings.reads, settings.database_pool_size, settings.sql_request_ids)

    @contextmanager
    def read(self, stale_ok: bool = False, single_statement: bool = False):
        """A connection in a read-only unit of work (rolled back at the end).

        stale_ok: the caller can use a replica's view, which may lag behind the primary (see replicas.py);
        a replica that cannot be reached leaves the read to the primary.
        single_statement: the caller runs one statement, atomic by itself, so no transaction is opened around
        it: on PostgreSQL two round trips fewer (BEGIN, ROLLBACK), on SQLite two calls fewer.
        """
        engine = self.router.engine(stale_ok)
        circuit = self.breaker if engine is self.engine else None  # a replica's failure falls back to the primary
        with _database_errors_as_unavailable(), database_breaker.guarded(circuit), ExitStack() as stack:
            try:
                conn = stack.enter_context(engine.connect())
            except exc.OperationalError:
                if engine is self.engine:
                    raise
                conn = stack.enter_context(self.engine.connect())
            if single_statement:
                yield conn.execution_options(**_NO_TRANSACTION["sqlite" if self.is_sqlite else "postgresql"])
                return
            transaction = stack.enter_context(conn.begin())
            yield conn
            transaction.rollback()

    @contextmanager
    def write(self):
        """A connection in one transaction: committed when the block ends, rolled back on error."""
        with _database_errors_as_unavailable(), database_breaker.guarded(self.breaker), self.engine.connect() as conn:
            if self.is_sqlite:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    def create_schema(self, *metadatas: MetaData) -> None:
        """Create the tables of the given bounded contexts where they do not exist yet."""
        with self.engine.begin() as conn:
            for metadata in metadatas:
                metadata.create_all(conn)

    def load_fresh(self, metadatas: Sequence[MetaData], seed: Callable[[Connection], None]) -> None:
        """Drop and recreate the given bounded contexts' tables and seed them, all in one transaction; then
        gather the planner's statistics on the same connection (gather_statistics)."""
        with self.engine.connect() as conn:
            with conn.begin():
                for metadata in reversed(metadatas):
                    metadata.drop_all(conn)
                for metadata in metadatas:
                    metadata.create_all(conn)
                seed(conn)
            gather_statistics(conn)

    def dispose(self) -> None:
        """Close pooled connections, e.g. after gunicorn forks a worker."""
        self.router.dispose()
        self.engine.dispose()
