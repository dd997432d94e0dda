"""Ports for the lab's servers: free ones below the kernel's ephemeral range, and who holds a busy one."""

import random
import socket
from pathlib import Path

import psutil

_HANDED_OUT: set[int] = set()


def _ephemeral_range() -> tuple[int, int]:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port() -> int:
    """A TCP port on loopback that nobody listens on now, below the kernel's ephemeral range.

    The kernel hands ports of that range to outgoing connections (to PostgreSQL, between services,
    from Locust): a server told to listen on one could find it taken by a client a moment later.
    """
    low, _ = _ephemeral_range()
    for _ in range(200):
        port = random.randrange(20000, max(20001, low - 10))
        # A port handed out is not bound until its server starts: never hand it out twice meanwhile.
        if port not in _HANDED_OUT and port_is_free(port) and port_is_free(port + 1):
            _HANDED_OUT.add(port)
            return port
    with socket.socket() as probe:  # a crowded machine: fall back to what the kernel picks
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    """True when no server listens on 127.0.0.1:port.

    The probe binds as gunicorn and PostgreSQL do, with SO_REUSEADDR: connections of a stopped server
    that linger in TIME-WAIT do not keep the next server from binding, so they must not count here.
    """
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def listener_of(port: int) -> str | None:
    """The process listening on a local TCP port, as 'pid N: command line', where the system tells."""
    try:
        connections = psutil.net_connections(kind="tcp")
    except psutil.Error:  # some systems show other users' sockets to root only
        return None
    for connection in connections:
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port and connection.pid:
            try:
                command = " ".join(psutil.Process(connection.pid).cmdline())
            except psutil.Error:
                command = "?"
            return f"pid {connection.pid}: {command[:160]}"
    return None
