"""The service registry: providers announce themselves; the bus finds, balances and drops instances.

It is kept in the enterprise database so that every bus worker process sees the same registry.
"""

import itertools
import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import JSON, Column, DateTime, MetaData, String, Table, delete, select
from sqlalchemy.dialects.postgresql import insert

from bookstore.database import Database
from bookstore.errors import Unavailable

metadata = MetaData()
services = Table(
    "service_registry",
    metadata,
    Column("address", String(200), primary_key=True),
    Column("service", String(50), nullable=False, index=True),
    Column("operations", JSON, nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)

STALE_AFTER = timedelta(seconds=10)  # three missed heartbeats

CACHE_S = 1.0


class Registry:
    """Lookup and round-robin over the live instances of each service, cached briefly per process."""

    def __init__(self, database: Database) -> None:
        self.db = database
        self._lock = threading.Lock()
        self._cache: dict[str, list[str]] = {}
        self._cached_at = 0.0
        self._turns = itertools.count()

    def register(self, service: str, address: str, operations: list[str]) -> None:
        """Add or refresh an instance (providers call this at start and then as a heartbeat)."""
        row = {"address": address, "service": service, "operations": operations, "last_seen": _now()}
        statement = insert(services).values(row)
        statement = statement.on_conflict_do_update(index_elements=["address"], set_=row)
        with self.db.write() as conn:
            conn.execute(statement)

    def drop(self, address: str) -> None:
        """Forget an instance that stopped answering; its next heartbeat brings it back."""
        with self.db.write() as conn:
            conn.execute(delete(services).where(services.c.address == address))
        with self._lock:
            self._cache = {name: [a for a in found if a != address] for name, found in self._cache.items()}

    def live(self, fresh: bool = False) -> dict[str, list[str]]:
        """Addresses of every service's instances heard from recently (cached for a second unless fresh)."""
        with self._lock:
            if not fresh and time.monotonic() - self._cached_at < CACHE_S:
                return self._cache
        try:
            with self.db.read() as conn:
                rows = conn.execute(
                    select(services.c.service, services.c.address)
                    .where(services.c.last_seen > _now() - STALE_AFTER)
                    .order_by(services.c.address)
                ).all()
        except Unavailable:
            # The enterprise database is down: route by the last list heard, so services that need no
            # database (a shipping quote) still answer; a provider that is gone fails its call as usual.
            if not self._cache:
                raise
            return self._cache
        found: dict[str, list[str]] = {}
        for service, address in rows:
            found.setdefault(service, []).append(address)
        with self._lock:
            self._cache, self._cached_at = found, time.monotonic()
        return found

    def pick(self, service: str) -> list[str]:
        """The instances of a service, the next one in turn first (round robin)."""
        found = self.live().get(service, []) or self.live(fresh=True).get(service, [])
        if not found:
            return []
        start = next(self._turns) % len(found)
        return found[start:] + found[:start]

    def describe(self) -> list[dict]:
        """Every registered instance, for the admin page and `make run-soa`."""
        with self.db.read() as conn:
            rows = conn.execute(select(services).order_by(services.c.service, services.c.address)).all()
        return [
            {
                "service": r.service,
                "address": r.address,
                "operations": r.operations,
                "last_seen": r.last_seen.isoformat(timespec="seconds"),
            }
            for r in rows
        ]


def _now() -> datetime:
    return datetime.now(UTC)


def main() -> None:
    """Create the registry table: python -m soa.bus.registry (on DATABASE_URL)."""
    from bookstore.database import Database
    from bookstore.settings import Settings

    Database(Settings.from_environment().required_database_url()).create_schema(metadata)


if __name__ == "__main__":
    main()
