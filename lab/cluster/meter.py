"""The machines' own counters over a measured window and each step of it, and what they say: the bottleneck."""

from lab.cluster import cgroups
from lab.cluster.plan import BALANCER


class MachineMeter:
    """Samples every machine's cgroup counters and HAProxy's, at the window's edges (as a watch) and at each
    step's (for the step watcher)."""

    def __init__(self, launch):
        self.launch = launch
        self.opened: dict | None = None
        self.closed: dict | None = None

    def sample(self) -> dict:
        return {"machines": self.launch.counters(), "balanced": self.launch.balanced()}

    def use(self, start: dict, end: dict) -> dict[str, dict]:
        """Each machine's MachineUse between two samples."""
        machines = self.launch.machines
        return {
            plan.name: {"runs": plan.runs, "cpus": plan.cpus}
            | cgroups.use_between(machines[plan.name], start["machines"][plan.name], end["machines"][plan.name])
            for plan in self.launch.plan
        }

    def open(self) -> None:
        self.opened = self.sample()

    def close(self) -> None:
        self.closed = self.sample()

    def poll(self) -> None:
        """Nothing between the edges."""

    def record(self, steps: list[dict]) -> dict:
        """run.json's `cluster`: the configuration, every machine over the window, HAProxy's counters in it, and
        the bottleneck: the machine nearest its quota at the step that served the most."""
        configuration = self.launch.configuration
        busiest = max(steps, key=lambda step: step["throughput_rps"], default=None)
        at_capacity = (busiest or {}).get("machines") or {}
        return {
            "mode": configuration.mode,
            "n": configuration.n,
            "replicas": configuration.replicas,
            "machine_cpus": self.launch.cluster.machine_cpus,
            "scaled": list(self.launch.declaration.scaled_out),
            "machines": self.use(self.opened, self.closed),
            "balancer": _requests_between(self.opened["balanced"], self.closed["balanced"]),
            "bottleneck": bottleneck(at_capacity),
        }


def bottleneck(machines: dict[str, dict]) -> str | None:
    """The machine that used most of its quota; the balancer too, which is a machine like the others."""
    if not machines:
        return None
    return max(machines, key=lambda name: (machines[name]["busy_share"], name != BALANCER))


def _requests_between(start: dict, end: dict) -> dict:
    """HAProxy's counters at the window's end, its requests counted over the window alone."""
    found = {}
    for backend, servers in end.items():
        found[backend] = {}
        for name, server in servers.items():
            before = start.get(backend, {}).get(name)
            counted = server.requests - (before.requests if before else 0)
            found[backend][name] = server.model_dump() | {"requests": counted}
    return found
