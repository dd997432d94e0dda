"""Keep-alive HTTP connections for the calls between an architecture's own processes, alike in every one."""

import urllib3

from bookstore import deadline


def pooled_http(timeout: urllib3.Timeout, connections: int) -> urllib3.PoolManager:
    """One pool per worker, `connections` (one per thread: Settings.worker_threads); no retries here (callers
    know what is safe to repeat).

    The one place a process gets its HTTP connections, so that tests may run the processes of an
    architecture inside one process, with a transport that calls their WSGI apps directly.
    """
    return urllib3.PoolManager(maxsize=connections, block=False, retries=False, timeout=timeout)


def within_budget(timeout: urllib3.Timeout) -> urllib3.Timeout:
    """A call's own timeouts, each cut to what is left of the request's time budget (bookstore/deadline.py)."""
    if deadline.remaining_s() is None:
        return timeout
    connect, read = timeout.connect_timeout, timeout.read_timeout
    return urllib3.Timeout(
        connect=deadline.bounded(connect) if isinstance(connect, int | float) else connect,
        read=deadline.bounded(read) if isinstance(read, int | float) else read,
    )
