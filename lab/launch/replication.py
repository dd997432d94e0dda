"""The data tier scaled out: hot standbys of the lab's PostgreSQL server, their lag, and what each server answered."""

import contextlib
import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from lab.launch.postgres import EmbeddedPostgres

LAG_QUERY = """
SELECT application_name, EXTRACT(EPOCH FROM replay_lag) * 1000,
       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)
FROM pg_stat_replication
"""
# Transactions and rows each server answered, summed over its databases: reads land on replicas, writes
# and fresh reads on the primary, and the count says which.
WORK_QUERY = """
SELECT COALESCE(SUM(xact_commit + xact_rollback), 0), COALESCE(SUM(tup_returned + tup_fetched), 0)
FROM pg_stat_database
"""


def replica_name(n: int) -> str:
    """How the n-th replica (from 1) is named in process lists, logs, charts and pg_stat_replication."""
    return f"postgres-replica-{n}"


def slot_name(n: int) -> str:
    """The n-th replica's replication slot (PostgreSQL allows no hyphen there); its cluster_name is the name."""
    return f"postgres_replica_{n}"


def replica_urls(primary_url: str, ports: list[int]) -> tuple[str, ...]:
    """The primary's database URL as it reads on each replica's port."""
    return tuple(make_url(primary_url).set(port=port).render_as_string(hide_password=False) for port in ports)


def start_replicas(primary: EmbeddedPostgres, run_dir: Path, ports: list[int]) -> list[EmbeddedPostgres]:
    """One hot standby per port, each with its own replication slot, data folder and log."""
    started = []
    for n, port in enumerate(ports, start=1):
        started.append(
            primary.replica(
                run_dir / f"pgdata-replica-{n}", port, run_dir / "logs" / f"{replica_name(n)}.log", slot_name(n)
            )
        )
    return started


def lag(primary: EmbeddedPostgres) -> dict[str, dict]:
    """Each streaming replica's replay lag, in milliseconds and in bytes of WAL, as the primary sees it."""
    with psycopg.connect(primary.dsn("postgres"), connect_timeout=3) as conn:
        rows = conn.execute(LAG_QUERY).fetchall()
    return {
        name: {"ms": float(ms) if ms is not None else 0.0, "bytes": int(lag_bytes or 0)} for name, ms, lag_bytes in rows
    }


def work_done(server: EmbeddedPostgres) -> dict[str, int]:
    """Transactions and rows a server has answered since it started."""
    with psycopg.connect(server.dsn("postgres"), connect_timeout=3) as conn:
        transactions, rows = conn.execute(WORK_QUERY).fetchone()
    return {"transactions": int(transactions), "rows": int(rows)}


class ReplicationWatch:
    """During a measured run: the replicas' lag every second, and the work each server did in the window."""

    def __init__(self, primary: EmbeddedPostgres, replicas: list[EmbeddedPostgres], every_s: float = 1.0):
        self.primary, self.replicas, self.every_s = primary, replicas, every_s
        self.series: list[tuple[float, str, float, int]] = []  # (time, replica, lag ms, lag bytes)
        self._last = 0.0
        self._opened: dict[str, dict] = {}
        self.work: dict[str, dict] = {}

    def _servers(self) -> dict[str, EmbeddedPostgres]:
        return {"postgres": self.primary, **{replica_name(n): r for n, r in enumerate(self.replicas, start=1)}}

    def poll(self) -> None:
        """Sample the lag, at most once per every_s."""
        now = time.time()
        if now - self._last < self.every_s:
            return
        self._last = now
        with contextlib.suppress(psycopg.Error):
            for name, seen in sorted(lag(self.primary).items()):
                self.series.append((round(now, 3), name, seen["ms"], seen["bytes"]))

    def open(self) -> None:
        """The measured window starts: what each server has answered so far."""
        self._opened = {name: work_done(server) for name, server in self._servers().items()}

    def close(self) -> None:
        """The measured window ends: what each server answered within it."""
        for name, server in self._servers().items():
            now, then = work_done(server), self._opened.get(name, {"transactions": 0, "rows": 0})
            self.work[name] = {key: now[key] - then[key] for key in now}

    def report(self, start: float, end: float) -> dict:
        """For run.json: the replicas, their lag over the window, and each server's share of the work."""
        inside = [row for row in self.series if start <= row[0] <= end]
        lags = sorted(ms for _, _, ms, _ in inside)
        return {
            "replicas": len(self.replicas),
            "lag_series": inside,
            "lag_ms": {"median": lags[len(lags) // 2] if lags else None, "max": lags[-1] if lags else None},
            "lag_bytes_max": max((b for *_, b in inside), default=None),
            "work": self.work,
        }


def behind(primary: EmbeddedPostgres, replica: EmbeddedPostgres) -> tuple[float, int]:
    """How far a replica is behind its primary now, asked of both: (milliseconds, bytes of WAL).

    Works while the replica is cut off, when the primary no longer lists it in pg_stat_replication.
    Bytes behind is exact; time behind is the age of the newest change the replica has replayed.
    """
    with psycopg.connect(primary.dsn("postgres"), connect_timeout=3) as conn:
        primary_at = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    with psycopg.connect(replica.dsn("postgres"), connect_timeout=3) as conn:
        lag_bytes, age_s = conn.execute(
            "SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()),"
            " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())",
            (str(primary_at),),
        ).fetchone()
    lag_bytes = max(0, int(lag_bytes or 0))
    return (0.0 if lag_bytes == 0 else 1000 * float(age_s or 0)), lag_bytes
