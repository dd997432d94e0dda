"""An architecture started on machines of their own: each process group on a cgroup with a CPU quota, and
HAProxy, on a machine too, in front of the copies of every scaled component."""

import os
import shutil
import subprocess
import time

from bookstore.settings import Settings
from lab.cluster import balancer, cgroups, janitor, plan
from lab.cluster.balancer import Pool
from lab.cluster.meter import MachineMeter
from lab.cluster.plan import BALANCER, Configuration
from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.launch.processes import spawn, stop_group, tree_pids
from lab.settings import ClusterSettings, read
from topology import registry

READY_S = 120


def check_can_run() -> None:
    """MachinesUnavailable, saying what is missing, where this process cannot run machines behind HAProxy."""
    cgroups.check_available()
    if shutil.which("haproxy") is None:
        raise cgroups.MachinesUnavailable("HAProxy is not installed: as root, apt-get install haproxy")


class ClusterLaunch(Launch):
    """Servers start unlimited (a Python server at a tenth of a core takes seconds to import), then each
    process group is moved onto its machine and the quotas are set, before any load."""

    def __init__(self, name: str, configuration: Configuration, cluster: ClusterSettings | None = None, **kwargs):
        check_can_run()
        self.declaration = registry.declared(name)
        self.configuration, self.cluster = configuration, cluster or read(ClusterSettings)
        self.plan = plan.machines(
            list(self.declaration.components), self.declaration.scaled_out, configuration, self.cluster
        )
        misfit = plan.misfit(self.plan, self.cluster)
        if misfit:
            raise RuntimeError(f"{name} {configuration.name} does not fit: {misfit}")
        settings = {"WEB_CONCURRENCY": "1", **kwargs.pop("settings", {})}
        if configuration.replicas:
            settings |= {"PG_REPLICAS": str(configuration.replicas), "READS": "replica"}
        scale = dict.fromkeys(self.declaration.scaled_out, (configuration.instances, 1))
        super().__init__(name, "postgres", scale=scale, settings=settings, **kwargs)
        self.machines: dict[str, cgroups.Machine] = {}
        self.ports: dict[str, int] = {}
        self.haproxy: subprocess.Popen | None = None
        self.janitor: subprocess.Popen | None = None

    @property
    def run(self) -> str:
        """The run's name among the machines: its folder's, ending in this launcher's pid (so that a later start
        or `make stop` knows whether the launcher is gone)."""
        suffix = f"-{os.getpid()}"
        return self.run_dir.name if self.run_dir.name.endswith(suffix) else self.run_dir.name + suffix

    @property
    def stats_socket(self):
        return self.run_dir / "haproxy.sock"

    def remove_left_behind(self) -> None:
        for line in cgroups.remove_left_behind():
            print(f"removed a machine an earlier run left behind: {line}", flush=True)

    def before_servers(self) -> None:
        self.janitor = janitor.start(self.run)
        for machine in self.plan:  # unlimited until every server has started
            self.machines[machine.name] = cgroups.Machine(self.run, machine.name, machine.cpus).create()
            self.machines[machine.name].resize(None)
        pools = []
        for component in self.architecture.components:
            if component.name in self.declaration.scaled_out:
                servers = {instance: free_port() for instance in component.instance_names()}
                own = Settings.from_environment({**self._env, **component.environment()})
                limit = balancer.ServerLimit.of(component.workers, own)
                pools.append(Pool(component.name, component.port, servers, component.health_path, limit))
                self.ports |= servers
        config = self.run_dir / "haproxy.cfg"
        config.write_text(
            balancer.configuration(pools, self.stats_socket, balancer.write_error_pages(self.run_dir / "errors"))
        )
        self.haproxy = spawn(balancer.command(config), self._env, self.run_dir / "logs" / "balancer.log")
        self._record_process_groups()

    def instance_environment(self, instance: str) -> dict[str, str]:
        if instance in self.ports:  # its own port, behind HAProxy, instead of sharing the component's
            return {"PORT": str(self.ports[instance]), "REUSE_PORT": "0"}
        return {}

    def after_servers(self) -> None:
        deadline = time.monotonic() + READY_S
        while not balancer.all_up(self._stat_rows()):
            if self.haproxy.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"HAProxy did not see every copy healthy; see {self.run_dir / 'logs'}")
            time.sleep(0.2)
        groups = self.process_ids()
        missing = set(self.machines) - set(groups)
        if missing:
            raise RuntimeError(f"{self.name}: no process group for the machines {sorted(missing)}")
        for name, machine in self.machines.items():
            machine.adopt(tree_pids(groups[name]))
            machine.resize(machine.cpus)

    def _stat_rows(self) -> list[dict[str, str]]:
        try:
            return balancer.show_stat(self.stats_socket)
        except OSError:
            return []

    def balanced(self) -> dict:
        """HAProxy's counters for each copy, now."""
        return balancer.servers(self._stat_rows())

    def meter(self) -> MachineMeter:
        return MachineMeter(self)

    def counters(self) -> dict[str, cgroups.Counters]:
        """Every machine's counters, now."""
        return {name: machine.counters() for name, machine in self.machines.items()}

    def process_ids(self) -> dict[str, int]:
        found = super().process_ids()
        return found | ({BALANCER: self.haproxy.pid} if self.haproxy and self.haproxy.poll() is None else {})

    def stop(self) -> list[str]:
        stopped = super().stop()
        if self.haproxy is not None:
            if self.haproxy.poll() is None:
                stopped.append(BALANCER)
            stop_group(self.haproxy)
            self.haproxy = None
        cgroups.remove_run(self.run)
        if self.janitor is not None:  # its machines are gone: it finds nothing left to remove
            self.janitor.stdin.close()
            self.janitor.wait(timeout=60)
            self.janitor = None
        return stopped
