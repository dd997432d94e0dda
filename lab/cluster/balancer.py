"""HAProxy in front of the copies of each scaled component: its configuration, and its own counters."""

import csv
import io
import json
import socket
from dataclasses import dataclass
from pathlib import Path

from bookstore.settings import Settings
from lab.records.cluster import BalancedServer


@dataclass(frozen=True)
class ServerLimit:
    """Admission at the balancer: at most `maxconn` requests at a copy at once, the rest waiting `queue_ms`
    at most before HAProxy refuses them with its 503 (the JSON shape, with Retry-After)."""

    maxconn: int
    queue_ms: int
    queue: int = 0  # requests that may wait for a copy at once; past them HAProxy refuses at once, without waiting

    @classmethod
    def of(cls, workers: int, settings: Settings) -> "ServerLimit | None":
        """A copy's limit: as many requests as its workers have working threads, so that the excess waits and is
        refused here, where a refusal costs HAProxy microseconds, not in the copy, where it would cost the copy's
        own small CPU quota (and wait out its throttling); None where admission is off (ADMISSION_QUEUE=0), so the
        closed-loop benches queue as they always did."""
        if settings.admission_queue == 0:
            return None
        queue = workers * settings.admission_queue
        return cls(workers * settings.worker_threads, round(settings.admission_queue_timeout_ms), queue)


@dataclass(frozen=True)
class Pool:
    """A balanced component: the port its callers use, and each copy's own port."""

    component: str
    port: int
    servers: dict[str, int]  # instance -> port
    health_path: str = "/health"
    limit: ServerLimit | None = None  # where admission control is on: each copy's share, and the queue's wait


ERROR_STATUSES = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def write_error_pages(folder: Path) -> Path:
    """HAProxy's own answers (no copy up, a copy that timed out) in the contract's JSON error shape."""
    folder.mkdir(parents=True, exist_ok=True)
    for status, reason in ERROR_STATUSES.items():
        body = json.dumps({"error": {"code": "unavailable", "message": f"the balancer: {reason.lower()}"}})
        head = f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nCache-Control: no-cache\r\n"
        head += "Retry-After: 1\r\n" if status == 503 else ""  # no copy free: come back shortly
        (folder / f"{status}.http").write_text(f"{head}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}")
    return folder


# A saturated copy answers its health check late but answers: only a copy that fails checks for about 10 s is
# taken out, or a busy one would be mistaken for a dead one.
HEALTH_CHECKS = ["    timeout check 5s", "    default-server check inter 2s fall 3 rise 1"]


def pool(
    component: str, bind: str, servers: dict[str, str], health_path: str = "/health", limit: ServerLimit | None = None
) -> list[str]:
    """A frontend where the others call a scaled component, and the backend of its copies (name -> address):
    each request to the next copy in turn, a copy taken out while it fails its health check; with a limit, at
    most maxconn at a copy, the excess refused after a short wait in HAProxy's queue."""
    maxconn = f" maxconn {limit.maxconn}" if limit else ""
    waiting = limit.queue * len(servers) if limit else 0
    return [
        f"frontend {component}",
        f"    bind {bind}",
        *([f"    http-request deny deny_status 503 if {{ queue({component}) ge {waiting} }}"] if limit else []),
        f"    default_backend {component}",
        f"backend {component}",
        "    balance roundrobin",
        "    option httpchk",
        f"    http-check send meth GET uri {health_path}",
        "    http-check expect status 200",
        *([f"    timeout queue {limit.queue_ms}ms"] if limit else []),
        *(f"    server {name} {address}{maxconn}" for name, address in servers.items()),
    ]


def configuration(pools: list[Pool], stats_socket: Path, errors: Path, bind_host: str = "127.0.0.1") -> str:
    """haproxy.cfg: HTTP mode, so each request (not each connection) goes to the next copy, round robin; a copy
    that fails its health check gets none until it passes again."""
    lines = [
        "global",
        "    nbthread 1",
        "    maxconn 8000",  # two descriptors a connection, within the usual limit of 20,000
        f"    stats socket {stats_socket} mode 600 level admin",
        "defaults",
        "    mode http",
        "    timeout connect 5s",
        "    timeout client 60s",
        "    timeout server 60s",
        "    timeout queue 30s",
        *HEALTH_CHECKS,
        *(f"    errorfile {status} {errors / f'{status}.http'}" for status in ERROR_STATUSES),
    ]
    for each in pools:
        servers = {name: f"{bind_host}:{port}" for name, port in each.servers.items()}
        lines += pool(each.component, f"{bind_host}:{each.port}", servers, each.health_path, each.limit)
    return "\n".join(lines) + "\n"


def command(config: Path) -> list[str]:
    """HAProxy in the foreground (-db), so the lab holds it like any other server."""
    return ["haproxy", "-db", "-f", str(config)]


def show_stat(stats_socket: Path, timeout_s: float = 5) -> list[dict[str, str]]:
    """HAProxy's `show stat`: one row per frontend, backend and server."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout_s)
        connection.connect(str(stats_socket))
        connection.sendall(b"show stat\n")
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    text = b"".join(chunks).decode().removeprefix("# ")
    return list(csv.DictReader(io.StringIO(text)))


def _number(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def servers(rows: list[dict[str, str]]) -> dict[str, dict[str, BalancedServer]]:
    """Each backend's servers and their counters."""
    found: dict[str, dict[str, BalancedServer]] = {}
    for row in rows:
        if row["svname"] in ("FRONTEND", "BACKEND"):
            continue
        found.setdefault(row["pxname"], {})[row["svname"]] = BalancedServer(
            requests=int(row.get("req_tot") or row["stot"] or 0),
            queue_max=int(row["qmax"] or 0),
            queue_time_ms=_number(row["qtime"]),
            response_time_ms=_number(row["rtime"]),
            status=row["status"],
        )
    return found


def all_up(rows: list[dict[str, str]]) -> bool:
    """Whether every server passed its health check."""
    statuses = [row["status"] for row in rows if row["svname"] not in ("FRONTEND", "BACKEND")]
    return bool(statuses) and all(status.startswith("UP") for status in statuses)
