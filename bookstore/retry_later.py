"""Work that must happen but cannot now (an undo while a service is down): repeated in the background until it can."""

import contextvars
import logging
import threading
from collections.abc import Callable
from typing import Any

from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_exponential

log = logging.getLogger(__name__)
# Long enough for a stopped component to be started again; a worker that stops meanwhile forgets the work.
RETRY_LATER: dict[str, Any] = {"stop": stop_after_delay(300), "wait": wait_exponential(multiplier=0.5, max=5)}


def finish_later(work: Callable[[], None], may_repeat: Callable[[BaseException], bool], what: str) -> None:
    """Run `work` again in a background thread, with backoff, while it fails with errors `may_repeat` allows."""
    later = Retrying(retry=retry_if_exception(may_repeat), reraise=True, **RETRY_LATER)

    def run() -> None:
        try:
            later(work)
            log.warning("%s completed late", what)
        except Exception:
            log.exception("%s failed for good", what)

    log.warning("%s waits in the background", what)
    threading.Thread(target=contextvars.copy_context().run, args=(run,), daemon=True).start()
