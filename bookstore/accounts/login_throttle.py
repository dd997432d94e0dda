"""Throttling repeated failed log-ins per account and per client address (OWASP API4, ASVS 2.2.1).

After `per_account` failures for one email, or `per_address` from one client address, within `window_s` seconds
of the first, every log-in of that account or from that address (even with the right password) is refused with
TooManyRequests until the window has passed. A correct log-in pays one indexed read of both counters, and a
write only when it clears a counter its account had. The address limit is the looser one: many people may share
one address (a NAT, an office), and one guesser spreading over accounts still meets it.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from bookstore.accounts.tables import login_failures
from bookstore.errors import TooManyRequests
from bookstore.settings import Settings

_COUNTS = select(login_failures.c.subject, login_failures.c.failures, login_failures.c.window_started).where(
    login_failures.c.subject.in_(bindparam("subjects", expanding=True))
)
_PRUNE = delete(login_failures).where(login_failures.c.window_started < bindparam("expired_before"))
_FORGET = delete(login_failures).where(login_failures.c.subject == bindparam("subject"))
# Both dialects' inserts have on_conflict_do_update, alike; SQLAlchemy's core insert has none.
_UPSERT: dict[str, Callable] = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


@dataclass(frozen=True)
class LoginThrottle:
    """The rule's numbers (LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, LOGIN_FAILURE_WINDOW_S)."""

    per_account: int = 10
    per_address: int = 100
    window_s: float = 300.0

    @classmethod
    def of(cls, settings: Settings) -> "LoginThrottle":
        """The rule a server process's settings give."""
        return cls(
            settings.login_failures_per_account, settings.login_failures_per_address, settings.login_failure_window_s
        )

    def subjects(self, email: str, address: str | None) -> dict[str, int]:
        """Each counter a log-in touches, with its limit: the account's, and the client address's when known."""
        counted = {f"account:{email}": self.per_account}
        if address:
            counted[f"address:{address}"] = self.per_address
        return counted

    def refuse_if_throttled(self, conn, email: str, address: str | None, now: float) -> bool:
        """TooManyRequests when a counter is at its limit in its window; else whether the account has failures."""
        limits = self.subjects(email, address)
        rows = conn.execute(_COUNTS, {"subjects": list(limits)}).all()
        live = [row for row in rows if row.window_started + self.window_s > now]
        over = [row for row in live if row.failures >= limits[row.subject]]
        if over:
            wait = max(row.window_started + self.window_s - now for row in over)
            raise TooManyRequests("too many failed log-ins; try again later", retry_after_s=math.ceil(wait))
        return any(row.subject.startswith("account:") for row in live)

    def record_failure(self, conn, email: str, address: str | None, now: float) -> None:
        """Count one failure on each counter (in a write transaction); expired windows are dropped first."""
        conn.execute(_PRUNE, {"expired_before": now - self.window_s})
        upsert = _UPSERT[conn.dialect.name]
        for subject in self.subjects(email, address):
            started = upsert(login_failures).values(subject=subject, failures=1, window_started=now)
            conn.execute(
                started.on_conflict_do_update(
                    index_elements=[login_failures.c.subject],
                    set_={"failures": login_failures.c.failures + 1},
                )
            )

    def forget_account(self, conn, email: str) -> None:
        """A correct log-in clears its account's counter (never the address's: one account must not clear it)."""
        conn.execute(_FORGET, {"subject": f"account:{email}"})
