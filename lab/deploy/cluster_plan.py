"""The cluster a deployment writes out: an architecture's machines, as make bench-cluster plans or measured them."""

from dataclasses import dataclass, replace
from pathlib import Path

from lab.cluster.plan import Configuration, MachinePlan, machines
from lab.records import read_run
from lab.settings import ClusterSettings
from topology import registry

NO_REPLICAS = (
    "{name}: database replicas are not written out: the compose files and manifests run one PostgreSQL server "
    "(hot standbys need streaming replication set up between containers); choose a configuration without -rN"
)


@dataclass(frozen=True)
class ClusterPlan:
    """Which components, how many copies of each scaled one, and every machine's cores."""

    architecture: str
    configuration: Configuration
    scaled: tuple[str, ...]
    machines: tuple[MachinePlan, ...]

    def __post_init__(self) -> None:
        if self.configuration.replicas:
            raise ValueError(NO_REPLICAS.format(name=self.configuration.name))

    @property
    def name(self) -> str:
        """Its folder: cluster-out-2."""
        return f"cluster-{self.configuration.name}"

    def copies(self, component: str) -> list[MachinePlan]:
        """The machines a component runs on: its copies (application-1, application-2), or its one machine."""
        return [machine for machine in self.machines if machine.runs == component]

    def cpus(self, machine: str) -> float:
        return next(m.cpus for m in self.machines if m.name == machine)


def planned(architecture: str, configuration: Configuration, settings: ClusterSettings) -> ClusterPlan:
    """The machines make bench-cluster would give this configuration, sized by the settings."""
    declared = registry.declared(architecture)
    components = list(declared.components)
    found = machines(components, declared.scaled_out, configuration, settings)
    return ClusterPlan(architecture, configuration, declared.scaled_out, tuple(found))


def measured(run_json: Path) -> ClusterPlan:
    """The machines of a measured run (results/<label>/cluster/<configuration>/run.json), at the cores it had."""
    record = read_run(run_json)
    if record.cluster is None:
        raise ValueError(f"{run_json} is not a make bench-cluster run: it records no cluster")
    cluster = record.cluster
    configuration = Configuration(cluster.mode, cluster.n, cluster.replicas)
    plan = planned(record.architecture, configuration, ClusterSettings(machine_cpus=cluster.machine_cpus))
    if {m.name for m in plan.machines} != set(cluster.machines):
        raise ValueError(
            f"{run_json} ran machines {sorted(cluster.machines)}, not those {configuration.name} plans: "
            f"{sorted(m.name for m in plan.machines)}"
        )
    sized = tuple(replace(m, cpus=cluster.machines[m.name].cpus) for m in plan.machines)
    return replace(plan, scaled=tuple(cluster.scaled), machines=sized)
