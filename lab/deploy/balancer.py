"""HAProxy in front of a cluster's copies: where the others reach a scaled component, and the balancer's config.

One balancer for the whole cluster, as make bench-cluster runs it: a frontend per scaled component, each on a
port of its own, and behind it a backend naming every copy, checked on its /health, taken in turn; where a
component's containers have ADMISSION_QUEUE set, each copy takes at most its threads and the excess waits briefly.
"""

from bookstore.settings import Settings
from lab.cluster.balancer import HEALTH_CHECKS, ServerLimit, pool
from lab.deploy.spec import CONTAINER_PORT, THREADS, WORKERS, Container, ContainerNetwork

BALANCER = "balancer"
# HAProxy 2.6, as Debian bookworm ships it and make bench-cluster runs it.
BALANCER_IMAGE = "haproxy:2.6-bookworm"
CONFIG_PATH = "/usr/local/etc/haproxy/haproxy.cfg"  # where the official image reads its configuration
STATS_PORT = 8404  # the stats page (/stats) and the balancer's own health (/health), inside the network only
# An order under load waits its turn at every tier: generous, so that HAProxy never cuts one short.
TIMEOUT_S = 120


def fronts(balanced: list[str]) -> dict[str, int]:
    """The balancer's port for each scaled component: CONTAINER_PORT + 1, + 2... (the stats port is apart)."""
    return {component: CONTAINER_PORT + k for k, component in enumerate(balanced, start=1)}


class BalancedNetwork(ContainerNetwork):
    """Every container listens on CONTAINER_PORT; a scaled component is reached at the balancer, on its port."""

    def __init__(self, balanced: list[str]):
        self.fronts = fronts(balanced)

    def url(self, component: str) -> str:
        if component in self.fronts:
            return f"http://{BALANCER}:{self.fronts[component]}"
        return super().url(component)


def limit(container: Container) -> ServerLimit | None:
    """A copy's limit at the balancer, as make bench-cluster sets it: its image's gunicorn threads (with the
    edge's queue) over all workers; None unless its settings turn admission on (ADMISSION_QUEUE > 0)."""
    return ServerLimit.of(WORKERS, Settings.from_environment({"GUNICORN_THREADS": str(THREADS), **container.settings}))


def config(copies: dict[str, list[str]], header: str, limits: dict[str, ServerLimit | None] | None = None) -> str:
    """haproxy.cfg: a frontend and a backend per scaled component (component -> its copies' names), each copy
    limited where `limits` (component -> limit) says."""
    ports = fronts(list(copies))
    down = " || ".join(f"{{ nbsrv({component}) lt 1 }}" for component in copies)
    lines = [
        "global",
        "    log stdout format raw local0 notice",
        "",
        "# The copies' addresses from the container network's DNS, followed should a copy restart elsewhere.",
        "resolvers containers",
        "    parse-resolv-conf",
        "    hold valid 10s",
        "",
        "defaults",
        "    mode http",
        "    log global",
        "    timeout connect 5s",
        f"    timeout client {TIMEOUT_S}s",
        f"    timeout server {TIMEOUT_S}s",
        *HEALTH_CHECKS[:-1],
        f"{HEALTH_CHECKS[-1]} resolvers containers init-addr libc,none",
        "",
        "# Ready (200 on /health) when every scaled component has a copy that passes its checks.",
        "frontend stats",
        f"    bind :{STATS_PORT}",
        "    stats enable",
        "    stats uri /stats",
        "    monitor-uri /health",
        f"    monitor fail if {down}",
    ]
    for component, names in copies.items():
        servers = {name: f"{name}:{CONTAINER_PORT}" for name in names}
        lines += ["", *pool(component, f":{ports[component]}", servers, limit=(limits or {}).get(component))]
    return header + "\n".join(lines) + "\n"


def healthcheck() -> dict:
    """The balancer's health from inside its container: bash, head and grep are in the official image."""
    probe = (
        f"exec 3<>/dev/tcp/127.0.0.1/{STATS_PORT} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 "
        "&& head -n 1 <&3 | grep -q ' 200 '"
    )
    return {"test": ["CMD", "bash", "-c", probe], "interval": "2s", "timeout": "2s", "retries": 30}
