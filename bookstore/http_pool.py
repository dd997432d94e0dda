"""Keep-alive HTTP connections for the calls between an architecture's own processes, alike in every one."""

import os

import urllib3


def worker_threads() -> int:
    """The threads of this gunicorn worker (GUNICORN_THREADS): each may hold one connection at a time."""
    return int(os.environ.get("GUNICORN_THREADS", "4"))


def pooled_http(timeout: urllib3.Timeout) -> urllib3.PoolManager:
    """One pool per worker, a connection per thread; no retries here (callers know what is safe to repeat).

    The one place a process gets its HTTP connections, so that tests may run the processes of an
    architecture inside one process, with a transport that calls their WSGI apps directly.
    """
    return urllib3.PoolManager(maxsize=worker_threads(), block=False, retries=False, timeout=timeout)
