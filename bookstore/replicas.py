"""Reads that may be a little stale, answered by PostgreSQL hot standbys; what needs the truth stays on the primary.

Which reads may be stale is each architecture's decision, made where it reads (see the callers of
Database.read(stale_ok=True)). How stale they may be is a setting, READS:
  primary   every read from the primary: always consistent (the default)
  replica   reads that may be stale from a replica, in turn: eventually consistent
  bounded   from a replica only while its replay lag is under MAX_STALENESS_MS, else from the primary
"""

import contextlib
import itertools
import math
import threading
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Engine

from bookstore.settings import ReadSettings

LAG_EVERY_S = 0.2  # how often bounded mode looks at each replica's lag


class LagWatch:
    """Each replica's replay lag in milliseconds, looked at in the background; infinite when it cannot be known.

    A replica that has replayed everything the primary wrote is 0 ms behind; one that has not is as far
    behind as the age of the newest change it has replayed. Without an answer from both, the lag is unknown.
    """

    def __init__(self, primary: Engine, replicas: list[Engine], every_s: float = LAG_EVERY_S):
        self.primary, self.replicas, self.every_s = primary, replicas, every_s
        self.lag_ms = [math.inf] * len(replicas)
        self._stop = threading.Event()
        threading.Thread(target=self._watch, daemon=True, name="replica-lag").start()

    def _look(self, replica: Engine) -> float:
        with self.primary.connect() as conn:
            primary_at = conn.execute(text("SELECT pg_current_wal_lsn()")).scalar_one()
        with replica.connect() as conn:
            behind, age_s = conn.execute(
                text(
                    "SELECT pg_wal_lsn_diff(CAST(:at AS pg_lsn), pg_last_wal_replay_lsn()),"
                    " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
                ),
                {"at": primary_at},
            ).one()
        return 0.0 if behind is not None and behind <= 0 else 1000 * float(age_s if age_s is not None else math.inf)

    def _watch(self) -> None:
        while not self._stop.is_set():
            for index, replica in enumerate(self.replicas):
                try:
                    self.lag_ms[index] = self._look(replica)
                except Exception:  # noqa: BLE001 (a server down or cut off: its lag is unknown, never a crash)
                    self.lag_ms[index] = math.inf
            self._stop.wait(self.every_s)

    def stop(self) -> None:
        """End the background look."""
        self._stop.set()


class ReadRouter:
    """Picks the engine for a read that may be stale; the primary's for everything else."""

    def __init__(
        self, primary: Engine, settings: ReadSettings, engine_for: Callable[[str], Engine], watch_lag=LagWatch
    ):
        self.primary, self.settings = primary, settings
        self.replicas = [engine_for(url) for url in settings.replica_urls] if settings.uses_replicas else []
        self._turns = itertools.count()
        self.lag = watch_lag(primary, self.replicas) if self.replicas and settings.mode == "bounded" else None

    def engine(self, stale_ok: bool) -> Engine:
        """The primary for the truth; for a read that may be stale, a replica the mode allows, else the primary."""
        if not stale_ok or not self.replicas:
            return self.primary
        start = next(self._turns) % len(self.replicas)
        order = list(range(start, len(self.replicas))) + list(range(start))
        if self.lag is None:
            return self.replicas[order[0]]
        fresh = [i for i in order if self.lag.lag_ms[i] <= self.settings.max_staleness_ms]
        return self.replicas[fresh[0]] if fresh else self.primary

    def dispose(self) -> None:
        """Close every replica's pooled connections and stop watching their lag."""
        if self.lag:
            self.lag.stop()
        for replica in self.replicas:
            with contextlib.suppress(Exception):
                replica.dispose()
