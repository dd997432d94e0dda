"""Whether wrk's connections reached every worker of the server it drives.

wrk opens its 16 connections in one burst. On a two-core machine, with wrk on one core and the first gunicorn
worker woken on the other, that worker often accepts every one of them before its sibling is scheduled: the
sibling idles and the target serves at half speed or less (the monolith's page of 20: 16/0 in five runs of
six, 471-585 req/s, against 2,013 req/s at 12/4). That is the bench's artefact, not the architecture's: many
independent clients connecting one by one (Locust's shoppers, real users) should reach every worker. So the
micro-bench starts wrk again until every worker holds a connection, and records the split it measured with.
"""

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

import psutil

ATTEMPTS = 40  # the first start often misses a worker; forty misses in a row would be a fault, not bad luck
_CONNECT_DEADLINE_S = 30.0
_POLL_S = 0.05
Load = TypeVar("Load")


def _tcp(process: psutil.Process) -> list:
    try:
        return process.net_connections("tcp")
    except psutil.Error:
        return []


def _listens_on(process: psutil.Process, port: int) -> bool:
    return any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in _tcp(process))


def _parent(process: psutil.Process) -> int | None:
    try:
        return process.ppid()
    except psutil.Error:
        return None


def workers_on(port: int, roots: Iterable[int]) -> list[psutil.Process]:
    """The processes that accept the connections to `port` among the trees under `roots`: gunicorn's workers
    (listeners whose parent listens too), or the lone listener of a single-process server."""
    listeners = {}
    for root in roots:
        try:
            tree = [psutil.Process(root), *psutil.Process(root).children(recursive=True)]
        except psutil.Error:
            continue
        listeners |= {process.pid: process for process in tree if _listens_on(process, port)}
    workers = [process for process in listeners.values() if _parent(process) in listeners]
    return sorted(workers or listeners.values(), key=lambda process: process.pid)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def split(workers: list[psutil.Process], port: int, client: int) -> list[int]:
    """How many of the client process's connections to `port` each worker holds now (not counting the
    architecture's own connections to the same port, such as the SOA providers' calls through the bus)."""
    try:
        theirs = {c.laddr for c in _tcp(psutil.Process(client)) if c.raddr and c.raddr.port == port}
    except psutil.Error:  # the client has gone: it holds nothing
        theirs = set()
    return [sum(1 for c in _tcp(worker) if c.laddr.port == port and c.raddr in theirs) for worker in workers]


def split_once_connected(workers: list[psutil.Process], port: int, client: int, connections: int) -> list[int]:
    """The split once all the client's connections are accepted (or, past a generous deadline, as it stands)."""
    deadline = time.monotonic() + _CONNECT_DEADLINE_S
    while True:
        counts = split(workers, port, client)
        if sum(counts) >= connections or time.monotonic() > deadline or not _alive(client):
            return counts
        time.sleep(_POLL_S)


def start_spread(
    start: Callable[[], Load],
    stop: Callable[[Load], None],
    measure_split: Callable[[Load], list[int]],
    settle: Callable[[], object],
    attempts: int = ATTEMPTS,
) -> tuple[Load, list[int], int]:
    """Start the load until every worker holds a connection: (the running load, its split, starts made).
    After a missed start, `settle` waits until the server has finished what that start sent, so that none
    of it is counted in the next. After `attempts` starts the last one runs as it is; its split shows it."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, not {attempts}")
    for attempt in range(1, attempts + 1):
        running = start()
        try:
            counts = measure_split(running)
        except BaseException:  # Ctrl-C or a failure while counting: leave no load running behind
            stop(running)
            raise
        if all(counts) or attempt == attempts:
            return running, counts, attempt
        stop(running)
        settle()
    raise AssertionError("unreachable: the last attempt returns")
