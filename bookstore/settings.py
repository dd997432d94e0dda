"""What a server process of any architecture takes from its environment, read once in its composition root.

Every architecture's processes read the same settings the same way, so no limit can quietly differ
between them and skew the comparison (tests/unit/test_shared_settings.py checks the running apps).
What only one architecture has (the internal key of the tiers, the bus's registry key, the services'
addresses) is read beside it, in that architecture's own composition root.
"""

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

MODES = ("primary", "replica", "bounded")  # READS: where reads that may be stale go (bookstore/replicas.py)
MAX_BODY_BYTES = 64 * 1024  # the contract's limit on a request body, in every JSON server alike
DEFAULT_TOKEN_SECRET = "bookstore-lab-secret-change-me-in-production-0123456789"


def _whole(name: str, environ: Mapping[str, str], default: int) -> int:
    text = environ.get(name) or str(default)
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {text!r}")
    return int(text)


@dataclass(frozen=True)
class ReadSettings:
    """Where reads that may be stale go: the replicas' URLs, the mode, and the staleness bound."""

    replica_urls: tuple[str, ...] = ()
    mode: str = "primary"
    max_staleness_ms: float = 1000.0

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"READS must be one of {', '.join(MODES)}, not {self.mode!r}")
        if not math.isfinite(self.max_staleness_ms) or self.max_staleness_ms < 0:
            raise ValueError(f"MAX_STALENESS_MS must be a number of milliseconds >= 0, not {self.max_staleness_ms}")

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> "ReadSettings":
        """DATABASE_REPLICA_URLS (comma-separated), READS and MAX_STALENESS_MS, from the process's environment."""
        environ = os.environ if environ is None else environ
        urls = tuple(url.strip() for url in environ.get("DATABASE_REPLICA_URLS", "").split(",") if url.strip())
        try:
            bound = float(environ.get("MAX_STALENESS_MS") or "1000")
        except ValueError:
            raise ValueError("MAX_STALENESS_MS must be a number of milliseconds") from None
        return cls(urls, environ.get("READS") or "primary", bound)

    @property
    def uses_replicas(self) -> bool:
        """Whether any read may leave the primary."""
        return bool(self.replica_urls) and self.mode != "primary"


@dataclass(frozen=True)
class Settings:
    """The shared settings of one server process."""

    database_url: str = ""
    reads: ReadSettings = field(default_factory=ReadSettings)
    token_secret: str = DEFAULT_TOKEN_SECRET
    worker_threads: int = 4  # GUNICORN_THREADS: each thread may hold one pooled connection at a time
    database_pool_size: int = 4
    account_check_ttl_s: float = 30.0  # how long the edge trusts a confirmation that a token's account exists
    sql_request_ids: bool = False  # each statement tagged with its request id, for the database's log

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """DATABASE_URL, the read settings, TOKEN_SECRET, GUNICORN_THREADS, DB_POOL_SIZE, ACCOUNT_CHECK_TTL_S,
        SQL_REQUEST_IDS."""
        environ = os.environ if environ is None else environ
        threads = _whole("GUNICORN_THREADS", environ, 4)
        try:
            ttl = float(environ.get("ACCOUNT_CHECK_TTL_S") or 30)
        except ValueError:
            raise ValueError("ACCOUNT_CHECK_TTL_S must be a number of seconds") from None
        return cls(
            database_url=environ.get("DATABASE_URL", ""),
            reads=ReadSettings.from_environment(environ),
            token_secret=environ.get("TOKEN_SECRET") or DEFAULT_TOKEN_SECRET,
            worker_threads=threads,
            database_pool_size=_whole("DB_POOL_SIZE", environ, threads),
            account_check_ttl_s=ttl,
            sql_request_ids=environ.get("SQL_REQUEST_IDS") == "1",
        )
