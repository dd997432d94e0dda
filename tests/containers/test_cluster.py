"""Against a cluster configuration run from its compose file (make test-containers sets CLUSTER_COMPOSE): every
machine held to its CPU limit, and HAProxy spreading the edge's requests over every copy of each tier."""

import csv
import io
import json
import os
from pathlib import Path

import pytest
import requests
import yaml

from lab.containers.engine import detect
from lab.deploy.balancer import BALANCER, STATS_PORT
from tests.e2e.launching import wait_for

COMPOSE = os.environ.get("CLUSTER_COMPOSE", "")
EDGE = os.environ.get("EDGE_URL", "").rstrip("/")
REQUESTS = 20
TIMEOUT = 60
# The container's own cgroup: cpu.max on cgroup v2, the CFS quota and period on v1 (as here).
CGROUP_QUOTA = (
    "cat /sys/fs/cgroup/cpu.max 2>/dev/null "
    "|| echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"
)
STATS = f"exec 3<>/dev/tcp/127.0.0.1/{STATS_PORT} && printf 'GET /stats;csv HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3"

pytestmark = pytest.mark.skipif(not COMPOSE, reason="runs against a cluster started from its compose file")


@pytest.fixture(scope="module")
def cluster():
    spec = yaml.safe_load(Path(COMPOSE).read_text())
    engine = detect()

    def container(service: str) -> str:
        (found,) = engine.containers(spec["name"], service)
        return found

    return spec, engine, container


def test_every_machine_runs_under_the_cpu_limit_its_configuration_gives_it(cluster):
    spec, engine, container = cluster
    limited = {name: service["cpus"] for name, service in spec["services"].items() if "cpus" in service}
    assert BALANCER in limited and len(limited) >= 5
    for name, cpus in limited.items():
        host = json.loads(engine.run("inspect", container(name)).stdout)[0]["HostConfig"]
        configured = host["NanoCpus"] / 1e9 if host.get("NanoCpus") else host["CpuQuota"] / host["CpuPeriod"]
        assert configured == pytest.approx(cpus), name
        quota, period = engine.run("exec", container(name), "sh", "-c", CGROUP_QUOTA).stdout.split()
        assert int(quota) / int(period) == pytest.approx(cpus), f"{name}: the kernel's quota is not its limit"


def _unchunked(body: str) -> str:
    """An HTTP body sent in chunks (HAProxy's stats page is, whatever the client), whole again."""
    whole = []
    while True:
        size, body = body.split("\n", 1)  # the engine's output has plain newlines where HTTP has CRLF
        if int(size, 16) == 0:
            return "".join(whole)
        whole.append(body[: int(size, 16)])
        body = body[int(size, 16) + 1 :]


def _servers(engine, balancer: str) -> dict[str, dict]:
    """Each server behind the balancer (not the FRONTEND and BACKEND totals): its row of HAProxy's stats."""
    headers, body = engine.run("exec", balancer, "bash", "-c", STATS).stdout.split("\n\n", 1)
    table = _unchunked(body) if "transfer-encoding: chunked" in headers.lower() else body
    rows = csv.DictReader(io.StringIO(table.removeprefix("# ")))
    return {row["svname"]: row for row in rows if row["svname"] not in ("FRONTEND", "BACKEND")}


def test_haproxy_spreads_the_edge_requests_over_every_copy_of_every_tier(cluster):
    spec, engine, container = cluster
    copies = list(spec["services"][BALANCER]["depends_on"])
    assert len(copies) >= 4  # two tiers, at least two copies each
    balancer = container(BALANCER)
    # Health checks run every 2 s: a copy the balancer has not checked yet is waited for, not judged.
    wait_for(
        lambda: all(row["status"] == "UP" for row in _servers(engine, balancer).values()),
        "HAProxy sees every copy UP",
    )
    before = _servers(engine, balancer)
    assert set(before) == set(copies) and all(row["status"] == "UP" for row in before.values()), before
    for page in range(1, REQUESTS + 1):  # the edge's list of books asks the application tier through HAProxy
        assert requests.get(f"{EDGE}/api/books", params={"page": page}, timeout=TIMEOUT).status_code == 200
    after = _servers(engine, balancer)
    served = {copy: int(after[copy]["hrsp_2xx"]) - int(before[copy]["hrsp_2xx"]) for copy in copies}
    assert all(count > 0 for count in served.values()), f"a copy served none of {REQUESTS} requests: {served}"
    assert sum(served.values()) >= 2 * REQUESTS  # each went through the balancer twice: to a tier, then the next
