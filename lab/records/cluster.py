"""What a run on machines of their own records: each machine's quota and counters, and the balancer's."""

from typing import Literal

from pydantic import Field

from lab.records.parts import Part


class MachineUse(Part):
    """One machine (a cgroup with a CPU quota) over a window, from the cgroup's own counters."""

    runs: str = Field(description="what runs on it: an instance (application-2), postgres, a replica, balancer")
    cpus: float = Field(description="its CPU quota, in cores")
    cpu_s: float = Field(description="CPU seconds it used")
    periods: int = Field(description="quota periods that elapsed while it ran")
    throttled_periods: int = Field(description="periods in which it used up its quota and waited")
    throttled_s: float = Field(description="time its processes waited for the next period")
    busy_share: float = Field(description="cpu_s over what its quota allowed in the window: 1.0 is at its quota")


class BalancedServer(Part):
    """One server behind the balancer, from HAProxy's own counters (`show stat`)."""

    requests: int
    queue_max: int
    queue_time_ms: float | None = Field(None, description="mean time a request queued, last 1,024 requests")
    response_time_ms: float | None = Field(None, description="mean server response time, last 1,024 requests")
    status: str


class Cluster(Part):
    """A configuration of make bench-cluster: which components were copied, onto machines of what size."""

    mode: Literal["up", "out"] = Field(description="up: one machine n× the size; out: n machines of 1×")
    n: int
    replicas: int = Field(0, description="database replicas on machines of their own, serving the reads")
    machine_cpus: float = Field(description="the 1× machine's size, in cores")
    scaled: list[str] = Field(description="the components scaled")
    machines: dict[str, MachineUse] = Field(description="every machine over the measured window, by name")
    balancer: dict[str, dict[str, BalancedServer]] = Field(
        {}, description="per balanced component (HAProxy backend), its servers' counters"
    )
    bottleneck: str | None = Field(None, description="the machine nearest its quota at the capacity step")
