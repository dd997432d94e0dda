"""Keep-alive HTTP connections for the calls between an architecture's own processes, alike in every one."""

import urllib3


def pooled_http(timeout: urllib3.Timeout, connections: int) -> urllib3.PoolManager:
    """One pool per worker, `connections` (one per thread: Settings.worker_threads); no retries here (callers
    know what is safe to repeat).

    The one place a process gets its HTTP connections, so that tests may run the processes of an
    architecture inside one process, with a transport that calls their WSGI apps directly.
    """
    return urllib3.PoolManager(maxsize=connections, block=False, retries=False, timeout=timeout)
