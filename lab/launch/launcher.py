"""Start an architecture fresh: its database, schema and seed, then every server, healthy and warm."""

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from bookstore.settings import ReadSettings
from lab.launch import leftovers, readiness
from lab.launch.architectures import check_choice, database_replicas, describe
from lab.launch.data_tier import DataTier
from lab.launch.network import LocalNetwork
from lab.launch.place import HOME, Place
from lab.launch.ports import listener_of, port_is_free
from lab.launch.postgres import EmbeddedPostgres
from lab.launch.processes import spawn, stop_group, stop_groups
from lab.paths import ROOT, RUNS
from lab.settings import LabSettings, inherited_environment, read
from topology import Architecture, Component

SERVER_STOP_S = 12  # gunicorn's graceful_timeout (10 s) and a margin, then SIGKILL


class Launch:
    """A running architecture; use as a context manager so that everything stops, whatever happens."""

    def __init__(
        self,
        name: str,
        db: str | None = None,
        port: int | None = None,
        run_dir: Path | None = None,
        scale: dict[str, tuple[int, int]] | None = None,
        settings: Mapping[str, str] | None = None,
        lab: LabSettings | None = None,
    ):
        """`scale` maps a component to (instances, workers per instance), overriding its description.

        settings: variables its servers get besides those they inherit (READS, TRACE...), choices made here.
        lab: the lab's settings (PORT, DATABASE_URL...), read from the environment unless given.
        """
        self.name, self.db, self.scale = name, check_choice(name, db), scale or {}
        self.lab = lab or read()
        self.port = port or self.lab.port
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        self.in_lab_runs = run_dir is None
        self.run_dir = Path(run_dir or RUNS / f"{name}-{self.db}-{stamp}-{os.getpid()}")
        self.data: DataTier | None = None
        self.servers: dict[str, subprocess.Popen] = {}
        self.architecture: Architecture | None = None
        self.database_url: str | None = None
        self._env: dict = {}
        self.settings: dict[str, str] = dict(settings or {})
        # Overridden where the lab runs an architecture as one site of several (lab/cap): where its servers
        # run, and whether this start prepares the data (one site does, for all).
        self.place: Place = HOME
        self.prepares_data = True

    @property
    def base_url(self) -> str:
        """The edge's base URL."""
        return self.place.url(self.port)

    @property
    def postgres(self) -> EmbeddedPostgres | None:
        """The embedded PostgreSQL server, where the lab runs one."""
        return self.data.postgres if self.data else None

    @property
    def replicas(self) -> list[EmbeddedPostgres]:
        """Its hot standbys (PG_REPLICAS)."""
        return self.data.replicas if self.data else []

    @property
    def replica_urls(self) -> tuple[str, ...]:
        """The database on each replica, where there are any."""
        return self.data.replica_urls if self.data else ()

    def server_environment(self) -> dict[str, str]:
        """What its servers' environment holds before each gets its own part: the inherited one, and its settings."""
        return {**inherited_environment(), **self.settings}

    def _data_tier(self) -> DataTier:
        replicas = database_replicas(self.name, self.db, self.server_environment())
        return DataTier(self.db, self.run_dir, replicas, self.lab)

    def start(self) -> "Launch":
        """Database, prepare commands, servers; returns when every worker of every server is ready."""
        try:
            self._start()
        except BaseException:  # Ctrl-C during start-up too: leave no process behind
            self.stop()
            raise
        return self

    def _start(self) -> None:
        if self.in_lab_runs:
            for line in leftovers.stop_left_behind(RUNS):
                print(f"stopped what an earlier run left behind: {line}", file=sys.stderr, flush=True)
            leftovers.prune_old_runs(RUNS)
            self.remove_left_behind()
        if self.place == HOME and not port_is_free(self.port):
            holder = listener_of(self.port)
            raise RuntimeError(
                f"port {self.port} is in use{f' by {holder}' if holder else ''}: stop it (`make stop` stops what "
                "the lab left running), or choose another port with PORT="
            )
        try:  # settings a server would refuse at start: refused here, with the reason
            reads = ReadSettings.from_environment(self.server_environment())
            database_replicas(self.name, self.db, self.server_environment())
        except ValueError as error:
            raise RuntimeError(str(error)) from None
        shutil.rmtree(self.run_dir, ignore_errors=True)
        (self.run_dir / "data").mkdir(parents=True)
        self.data = self._data_tier()
        database_url = self.database_url = self.data.start()
        self._record_process_groups()
        settings = self.server_environment()
        self.architecture = describe(
            self.name, LocalNetwork(self.port), database_url, self.db, self.replica_urls, settings
        ).with_workers(int(settings.get("WEB_CONCURRENCY") or 2))
        label = self.architecture.label  # results of each data tier, read mode and tracing are kept apart
        label += f"-r{len(self.replica_urls)}-{reads.mode}" if self.replica_urls else ""
        label += "-traced" if settings.get("TRACE") == "1" else ""
        self.architecture = dataclasses.replace(self.architecture, label=label)
        for component, (instances, workers) in self.scale.items():
            self.architecture = self.architecture.scaled(component, instances, workers)
        self._env = {**settings, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
        if self.lab.pg_log_statements:
            self._env["SQL_REQUEST_IDS"] = "1"  # tag each statement with its request id for the log
        if settings.get("TRACE") == "1":  # each server's spans, in this run's folder
            self._env |= {"TRACE_DIR": str(self.run_dir / "traces"), "SERVICE_NAMESPACE": self.architecture.label}
        if settings.get("PROFILE_SERVERS") == "1":  # each worker's profile, written as it exits
            self._env["PROFILE_DIR"] = str(self.run_dir / "profiles")
        for command in self.architecture.prepare if self.prepares_data else []:
            if spawn(self.place.wrap(_python(command)), self._env, self.run_dir / "logs" / "prepare.log").wait() != 0:
                raise RuntimeError(f"{self.name}: preparing the data failed; see {self.run_dir / 'logs'}")
        self.data.start_replicas()  # copies of the prepared data, streaming from here on
        self._record_process_groups()
        self.before_servers()
        for instance in self.instances():
            self.start_component(instance, wait=False)
        for instance in self.instances():
            self._wait_ready(instance, self.architecture.component_of(instance))
        self.wait_settled()
        self.after_servers()

    def meter(self):
        """What measures its machines beside its processes, where it runs on machines of their own."""
        return None

    def remove_left_behind(self) -> None:
        """What a kind of launch removes at start that an earlier one of its kind left (machines)."""

    def before_servers(self) -> None:
        """What a kind of launch does once the data is ready and before any server starts."""

    def after_servers(self) -> None:
        """What a kind of launch does once every server is ready and settled."""

    def instance_environment(self, instance: str) -> dict[str, str]:
        """Variables of one server process group beyond its component's (a port of its own, where balanced)."""
        return {}

    def instance_port(self, instance: str) -> int:
        """Where one server process group listens: its component's port, unless given one of its own."""
        return int(self.instance_environment(instance).get("PORT", self.architecture.component_of(instance).port))

    def wait_settled(self, timeout_s: float = 90) -> None:
        """Wait for the architecture's own readiness beyond health (e.g. providers registered)."""
        deadline = time.monotonic() + timeout_s
        while self.architecture.settled is not None:
            try:
                if readiness.settled(self.base_url, self.architecture.settled):
                    return
            except (OSError, ValueError, KeyError, TypeError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: not settled after {timeout_s} s; see {self.run_dir / 'logs'}")
            time.sleep(0.2)

    def status_lines(self) -> list[str]:
        """What the architecture says is worth showing at start, e.g. the bus's registry."""
        return readiness.status_lines(self.base_url, self.architecture.status)

    def database_of(self, context: str) -> str:
        """The database URL holding a bounded context's tables (accounts, catalog, orders, shipping)."""
        return self.architecture.databases.get(context, self.database_url)

    def run_checks(self) -> list[dict]:
        """Run the architecture's after-load checks (e.g. the consistency check); their verdicts and output."""
        verdicts = []
        for command in self.architecture.checks:
            done = subprocess.run(self.place.wrap(_python(command)), env=self._env, capture_output=True, text=True)
            verdicts.append(
                {
                    "command": " ".join(["-m", *command]),
                    "passed": done.returncode == 0,
                    "output": (done.stdout + done.stderr).strip()[-2000:],
                }
            )
        return verdicts

    def instances(self) -> list[str]:
        """The name of every server process group, replicas numbered (application-1, application-2...)."""
        return [name for component in self.architecture.components for name in component.instance_names()]

    def start_component(self, instance: str, wait: bool = True) -> None:
        """Start one server process group (again), e.g. after stop_component."""
        component: Component = self.architecture.component_of(instance)
        ready_dir = self.run_dir / "ready" / instance
        shutil.rmtree(ready_dir, ignore_errors=True)
        ready_dir.mkdir(parents=True)
        env = {
            **self._env,
            **component.environment(),
            "COMPONENT_NAME": instance,
            "LAB_READY_DIR": str(ready_dir),
            "BIND_HOST": self.place.bind_host,
            **self.instance_environment(instance),
        }
        env.setdefault("AUDIT_LOG", str(self.run_dir / "logs" / "audit.log"))
        env["LAB_COUNT_DIR"] = str(self.count_dir(instance))
        self.count_dir(instance).mkdir(parents=True, exist_ok=True)
        log = self.run_dir / "logs" / f"{instance}.log"
        self.servers[instance] = spawn(self.place.wrap(component.command(sys.executable)), env, log)
        self._record_process_groups()
        if wait:
            self._wait_ready(instance, component)

    def _record_process_groups(self) -> None:
        leftovers.record(self.run_dir, self.process_ids())

    def count_dir(self, instance: str) -> Path:
        """Where a server's workers report how many requests they served (services that count them)."""
        return self.run_dir / "counts" / instance

    def stop_component(self, instance: str) -> None:
        """Stop one server process group, leaving the others running."""
        stop_group(self.servers.pop(instance))

    def _wait_ready(self, instance: str, component: Component, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        url = f"{self.place.url(self.instance_port(instance))}{component.health_path}"
        ready_dir = self.run_dir / "ready" / instance
        logs = self.run_dir / "logs" / f"{instance}.log"
        while True:
            if self.servers[instance].poll() is not None:
                raise RuntimeError(f"{self.name}: {instance} exited at start; see {logs}")
            if len(list(ready_dir.iterdir())) >= component.workers and readiness.healthy(url):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: {instance} not ready after {timeout_s} s at {url}; see {logs}")
            time.sleep(0.1)

    def process_ids(self) -> dict[str, int]:
        """Root pid of every server process group and of the database, by name."""
        pids = {name: process.pid for name, process in self.servers.items()}
        return pids | (self.data.process_ids() if self.data else {})

    def addresses(self) -> dict[str, str]:
        """Where each component listens."""
        found = {c.name: self.place.url(c.port) for c in self.architecture.components}
        return found | (self.data.addresses() if self.data else {})

    def stop(self) -> list[str]:
        """Stop every server at once, then the database; the names of what was running."""
        stopped = [name for name, process in self.servers.items() if process.poll() is None]
        stop_groups(self.servers.values(), SERVER_STOP_S)
        self.servers.clear()
        stopped += self.data.stop() if self.data else []
        if self.run_dir.is_dir():
            leftovers.forget(self.run_dir)
        return stopped

    def __enter__(self) -> "Launch":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _python(module_and_arguments: list[str]) -> list[str]:
    """A topology's module to run (prepare, checks), run with this lab's interpreter."""
    return [sys.executable, "-m", *module_and_arguments]
