"""Admission control at the edge: a bounded queue, so that overload is refused at once, not queued until timeout.

Gunicorn's gthread worker queues every request beyond its threads where the app cannot see it: under a spike
they wait until their callers give up. So the edge gets threads for its working requests plus ADMISSION_QUEUE
more, and this limiter, the outermost layer of the app, lets only `working` of them run at once. Others wait
up to the queue timeout for a turn; one that finds the queue full, or waits too long, gets 503 with
Retry-After in the contract's error shape, which costs a few microseconds, not a request's work.
"""

import threading
from collections.abc import Iterable

from bookstore.edge.wsgi_refusal import StartResponse, WsgiApp, refuse

EXEMPT_PATHS = frozenset({"/health"})  # liveness must answer even when the edge is full


class Admission:
    """WSGI middleware: at most `working` requests in the app, at most `queue` waiting, none waiting too long."""

    def __init__(self, app: WsgiApp, working: int, queue: int, queue_timeout_s: float, retry_after_s: int):
        self.app, self.queue, self.queue_timeout_s = app, queue, queue_timeout_s
        self.retry_after = (("Retry-After", str(retry_after_s)),)
        self._turns = threading.BoundedSemaphore(working)
        self._lock = threading.Lock()
        self.waiting = 0

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") in EXEMPT_PATHS:
            return self.app(environ, start_response)
        if not self._admit():
            return refuse(
                start_response, 503, "overloaded", "the server is at capacity; retry shortly", self.retry_after
            )
        try:
            # The app's answer is complete when it returns (Flask builds it in memory), so the turn ends here.
            return self.app(environ, start_response)
        finally:
            self._turns.release()

    def _admit(self) -> bool:
        if self._turns.acquire(blocking=False):
            return True
        with self._lock:
            if self.waiting >= self.queue:
                return False
            self.waiting += 1
        try:
            return self._turns.acquire(timeout=self.queue_timeout_s)
        finally:
            with self._lock:
                self.waiting -= 1
