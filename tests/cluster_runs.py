"""Cluster run records as make bench-cluster writes them, for tests: machines sized by the plan, saturation steps
whose CPU follows given demands, and the balancer and the database on machines of their own.

A step serves users / (think + response) requests per second until its slowest machine is at its quota, times
`reached` (a real run stops a little below the ceiling); each machine's CPU is its demand per request times the
requests, plus what it burns idle.
"""

from pathlib import Path

from lab.cluster.plan import Configuration, machines
from lab.records import RunRecord, write_run
from lab.settings import ClusterSettings
from tests.run_records import run_record
from topology import registry

SETTINGS = ClusterSettings(machine_cpus=0.08, database_cpus=0.3, balancer_cpus=0.15, machine_sizes="")
THINK_S = 4.0  # so that the first step, 40 users, is well below every configuration's capacity
STEP_S = 20.0
IDLE_CORES = 0.002
USERS = (40, 80, 160, 320, 640, 1000)
WRITES = 0.1  # the share of requests that are POSTs


def per_machine(demands: dict[str, float], names: dict[str, str], replicas: int, moved: float) -> dict[str, float]:
    """CPU seconds per request of each machine (name -> component): copies share their component's demand."""
    copies = {component: list(names.values()).count(component) for component in set(names.values())}
    found = {}
    for name, component in names.items():
        if name.startswith("postgres-replica"):
            found[name] = demands["postgres"] * moved / replicas
        elif component == "postgres":
            found[name] = demands["postgres"] * (1 - moved if replicas else 1)
        else:
            found[name] = demands[component] / copies[component]
    return found


def _machine_use(component: str, cpus: float, cpu_s: float, seconds: float) -> dict:
    periods = round(seconds / 0.1)
    busy = cpu_s / (cpus * seconds)
    throttled = round(periods * max(0.0, busy - 0.9) * 5)
    return {
        "runs": component,
        "cpus": cpus,
        "cpu_s": cpu_s,
        "periods": periods,
        "throttled_periods": min(throttled, periods),
        "throttled_s": throttled * 0.01,
        "busy_share": busy,
    }


def cluster_run(
    architecture: str,
    configuration: Configuration,
    demands: dict[str, float],
    reached: float = 1.0,
    moved: float = 0.8,
    users: tuple[int, ...] = USERS,
) -> RunRecord:
    """A configuration's run.json; demands in CPU seconds per request by component, balancer and postgres too."""
    declared = registry.declared(architecture)
    planned = machines(list(declared.components), declared.scaled_out, configuration, SETTINGS)
    names = {machine.name: machine.runs for machine in planned}
    quotas = {machine.name: machine.cpus for machine in planned}
    spent = per_machine(demands, names, configuration.replicas, moved)
    ceiling = reached * min(quotas[name] / spent[name] for name in quotas if spent[name] > 0)
    light_s = sum(spent[name] / quotas[name] for name in quotas)
    steps = []
    for count in users:
        rps = min(count / (THINK_S + light_s), ceiling)
        requests = round(rps * STEP_S)
        cpu = {name: spent[name] * requests + IDLE_CORES * STEP_S for name in quotas}
        response_s = max(light_s, count / rps - THINK_S)
        steps.append(
            {
                "users": count,
                "seconds": STEP_S,
                "requests": requests,
                "throughput_rps": rps,
                "latency_ms": {"mean": 1000 * response_s, "p95": 2500 * response_s},
                "cpu_seconds": cpu | {"locust": 0.001 * requests},
                "machines": {name: _machine_use(names[name], quotas[name], cpu[name], STEP_S) for name in quotas},
            }
        )
    best = max(steps, key=lambda step: step["throughput_rps"])
    total = sum(step["requests"] for step in steps)
    window = STEP_S * len(steps)
    whole = {name: sum(step["cpu_seconds"][name] for step in steps) for name in quotas}
    return run_record(
        architecture=architecture,
        label=declared.label("postgres"),
        database="postgres",
        profile={"name": "saturation", "users": max(users)},
        window={"start": 0.0, "end": window, "seconds": window},
        totals={"requests": total, "throughput_rps": total / window},
        endpoints=[
            {"method": "GET", "name": "/books", "requests": round(total * (1 - WRITES))},
            {"method": "POST", "name": "/orders", "requests": total - round(total * (1 - WRITES))},
        ],
        idle_cpu_share=dict.fromkeys(quotas, IDLE_CORES),
        steps=steps,
        cluster={
            "mode": configuration.mode,
            "n": configuration.n,
            "replicas": configuration.replicas,
            "machine_cpus": SETTINGS.machine_cpus,
            "scaled": list(declared.scaled_out),
            "machines": {name: _machine_use(names[name], quotas[name], whole[name], window) for name in quotas},
            "bottleneck": max(quotas, key=lambda name: best["machines"][name]["busy_share"]),
        },
    )


def write_cluster_runs(results: Path, architecture: str, runs: dict[str, RunRecord]) -> None:
    """Each run at results/<label>/cluster/<configuration>/run.json, as the bench leaves them."""
    for name, run in runs.items():
        folder = results / run.label / "cluster" / name
        folder.mkdir(parents=True, exist_ok=True)
        write_run(folder / "run.json", run)


def configuration(name: str) -> Configuration:
    """up-2, out-4-r1... as a Configuration."""
    mode, n, *rest = name.split("-")
    return Configuration(mode, int(n), int(rest[0][1:]) if rest else 0)
