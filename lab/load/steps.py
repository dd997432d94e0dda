"""The saturation run's steps: server CPU sampled at each step's edges, joined to Locust's step figures."""

import json
import re
from collections.abc import Callable
from pathlib import Path

from lab.launch.processes import tree_cpu_seconds
from lab.load.locust_results import percentile
from lab.load.machine import busy_cpu_seconds

STEP_MARK = re.compile(r"step-(\d+)(-start)?$")
MACHINE = "(machine)"  # beside the process trees at each edge: every core's busy time, whoever spent it


class StepWatcher:
    """Samples every server's CPU when Locust marks a step's measured part as started and as ended."""

    def __init__(self, marks: Path, servers: dict[str, int], meter=None):
        """meter: on machines of their own, what samples their counters too (lab/cluster/meter.py)."""
        self.marks, self.servers, self.meter = marks, servers, meter
        self.cpu: dict[int, dict[str, dict[str, float]]] = {}
        self.machines: dict[int, dict[str, dict]] = {}

    def poll(self) -> None:
        """Sample CPU for any step edge marked since the last poll."""
        for path in self.marks.glob("step-*"):
            found = STEP_MARK.match(path.name)
            if not found:
                continue
            index, edge = int(found[1]), "start" if found[2] else "end"
            if edge not in self.cpu.setdefault(index, {}):
                trees = {name: tree_cpu_seconds(pid) for name, pid in self.servers.items()}
                self.cpu[index][edge] = trees | {MACHINE: busy_cpu_seconds()}
                if self.meter:
                    self.machines.setdefault(index, {})[edge] = self.meter.sample()

    def steps(self, reference_ms: Callable[[float, float], float | None] | None = None) -> list[dict]:
        """Every completed step: users, throughput, latency percentiles, failures, CPU per request, and with
        `reference_ms` the machine's speed during it (lab/load/reference_work.py)."""
        marked = {index: self.marks / f"step-{index}" for index in sorted(self.cpu)}
        return [
            summarise_step(json.loads(path.read_text()), self.cpu[index], reference_ms) | self._machines(index)
            for index, path in marked.items()
            if path.exists()
        ]

    def _machines(self, index: int) -> dict:
        edges = self.machines.get(index, {})
        if not self.meter or "start" not in edges or "end" not in edges:
            return {}
        return {"machines": self.meter.use(edges["start"], edges["end"])}


def summarise_step(
    raw: dict, cpu: dict[str, dict[str, float]], reference_ms: Callable[[float, float], float | None] | None = None
) -> dict:
    """A step as run.json records it, from Locust's raw step figures and the servers' CPU at its edges."""
    histogram = {int(bucket): count for bucket, count in raw["response_times"].items()}
    requests = raw["requests"]
    cpu_seconds = {}
    if "start" in cpu and "end" in cpu:
        cpu_seconds = {name: round(cpu["end"][name] - cpu["start"].get(name, 0.0), 3) for name in cpu["end"]}
    machine = cpu_seconds.pop(MACHINE, None)
    workers = sum(cpu_seconds.pop(name) for name in list(cpu_seconds) if name.startswith("locust-worker"))
    cpu_seconds["locust"] = round(raw["locust_cpu_seconds"] + workers, 3)
    return {
        "users": raw["users"],
        "seconds": round(raw["seconds"], 3),
        "requests": requests,
        "failures": raw["failures"],
        "failure_ratio": raw["failures"] / requests if requests else 0.0,
        "throughput_rps": raw["throughput_rps"],
        "latency_ms": {
            "mean": raw["mean_ms"],
            "p50": percentile(histogram, 0.50),
            "p95": percentile(histogram, 0.95),
            "p99": percentile(histogram, 0.99),
        },
        "cpu_seconds": cpu_seconds,
        "cpu_ms_per_request": {
            name: round(1000 * s / requests, 3) if requests else None for name, s in cpu_seconds.items()
        },
        # Against the processes' sum this shows what no watched process was charged for: the knee is where the
        # machine runs out, not where the counted processes do.
        "machine_busy_cores": round(machine / raw["seconds"], 3) if machine is not None and raw["seconds"] else None,
        "reference_work_ms": reference_ms(raw["start"], raw["end"]) if reference_ms else None,
        "stop_reason": raw.get("stop_reason"),
    }
