"""Which accounts exist, as the edge last confirmed them: a signed token alone cannot prove its account still exists."""

import threading
import time
from collections.abc import Callable

from cachetools import TTLCache

# Accounts are confirmed by whoever owns them (a database read, a call to a tier, a provider or a service);
# a confirmation is trusted this long, so a deleted account is refused at most this late.
DEFAULT_TTL_S = 30.0
MAX_ENTRIES = 100_000


class KnownAccounts:
    """Confirms that an account exists, asking its owner only when the last confirmation has expired."""

    def __init__(
        self,
        confirm: Callable[[int], object],
        ttl_s: float = DEFAULT_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`confirm(account_id)` raises Unauthorized (or Unavailable) when it cannot confirm the account;
        ttl_s: Settings.account_check_ttl_s (ACCOUNT_CHECK_TTL_S), 0 asks every time."""
        self._confirm = confirm
        self._confirmed: TTLCache[int, bool] | None = (
            TTLCache(maxsize=MAX_ENTRIES, ttl=ttl_s, timer=clock) if ttl_s > 0 else None
        )
        self._lock = threading.Lock()

    def require(self, account_id: int) -> int:
        """The account id when it exists; raises what `confirm` raises otherwise (never cached)."""
        if self._confirmed is not None:
            with self._lock:
                if account_id in self._confirmed:
                    return account_id
        self._confirm(account_id)
        if self._confirmed is not None:
            with self._lock:
                self._confirmed[account_id] = True
        return account_id
