"""make bench-cluster: each configuration of an architecture on machines of their own, a saturation run each."""

import math
from pathlib import Path

from lab.bench.campaign import Task
from lab.bench.measure import measure, run_failed
from lab.cluster import plan
from lab.cluster.cgroups import MachinesUnavailable
from lab.cluster.launch import ClusterLaunch, check_can_run
from lab.cluster.plan import Configuration, configuration_named
from lab.launch.ports import free_port
from lab.paths import RESULTS
from lab.settings import ClusterSettings, read
from loadtests.profiles import STARTUP_ALLOWANCE_S, Profile
from topology import registry

CLUSTER = "cluster"
SETTLE_S, MEASURE_S = 6, 12  # each step: users added, settled, then measured
SPAWN_RATE_PER_MACHINE = 40  # users a second while a step ramps, for each 1x of capacity


def profile(configuration: Configuration, settings: ClusterSettings) -> Profile:
    """The saturation run of a configuration: the staircase, times the configuration's 1x machines, so that
    each configuration meets its knee after a few steps."""
    base = [int(users) for users in settings.cluster_steps.split(",")]
    steps = tuple(users * configuration.n for users in base)
    return Profile(
        CLUSTER,
        users=steps[-1],
        spawn_rate=SPAWN_RATE_PER_MACHINE * configuration.n,
        warmup_s=SETTLE_S,
        duration_s=MEASURE_S,
        description=f"saturation run of {configuration.name} on machines of their own",
        shape="steps",
        steps=steps,
        p95_limit_ms=settings.cluster_p95_limit_ms,
    )


def folder(results: Path, architecture: str, configuration: Configuration) -> Path:
    """results/<label>/cluster/<configuration>."""
    return results / registry.declared(architecture).label("postgres") / CLUSTER / configuration.name


def run_configuration(architecture: str, configuration: Configuration, results: Path = RESULTS) -> Path:
    """One configuration, started fresh, driven to its knee; its results folder."""
    settings = read(ClusterSettings)
    out = folder(results, architecture, configuration)
    with ClusterLaunch(architecture, configuration, settings, port=free_port()) as launch:
        measure(launch, profile(configuration, settings), out)
    return out


def cluster_tasks(architectures: list[str], results: Path = RESULTS) -> list[Task]:
    """Every configuration that fits in the cores, for each architecture; those that do not are said and left."""
    try:
        check_can_run()
    except MachinesUnavailable as missing:  # said before anything starts, as a refused choice is
        raise ValueError(f"make bench-cluster cannot run here: {missing}") from None
    settings = read(ClusterSettings)
    wanted = [configuration_named(name) for name in settings.cluster_configurations.split(",")]
    tasks = []
    for architecture in architectures:
        declaration = registry.declared(architecture)
        for configuration in wanted:
            machines = plan.machines(list(declaration.components), declaration.scaled_out, configuration, settings)
            if plan.misfit(machines, settings):
                need = math.fsum(machine.cpus for machine in machines)
                room = plan.cores() - settings.loadgen_cpus
                print(
                    f"[{architecture} {configuration.name}] left out: {len(machines)} machines need {need:.2f} "
                    f"cores, {room:.2f} are free beside the load generator (LOADGEN_CPUS)",
                    flush=True,
                )
                continue
            estimate = profile(configuration, settings).run_time_s * 0.6 + STARTUP_ALLOWANCE_S + 10
            run = lambda a=architecture, c=configuration: run_failed(run_configuration(a, c, results))  # noqa: E731
            tasks.append(Task(f"{architecture} on machines: {configuration.name}", estimate, run))
    return tasks
