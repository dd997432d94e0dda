"""Start an architecture fresh: its database, schema and seed, then every server, healthy and warm."""

import importlib
import os
import shutil
import time
import urllib.request
from datetime import datetime
from pathlib import Path

from lab.paths import ROOT, VAR
from lab.postgres import EmbeddedPostgres
from lab.processes import free_port, port_is_free, spawn, stop_group
from lab.topology import Architecture

ARCHITECTURES = ("monolith",)
DATABASES = ("sqlite", "postgres")


def describe(name: str, port: int, database_url: str, db: str) -> Architecture:
    """An architecture's own description, from its folder's topology module."""
    if name not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {name!r}; choose one of {', '.join(ARCHITECTURES)}")
    return importlib.import_module(f"{name}.topology").describe(port, database_url, db)


class Launch:
    """A running architecture; use as a context manager so that everything stops, whatever happens."""

    def __init__(self, name: str, db: str = "sqlite", port: int | None = None, run_dir: Path | None = None):
        if db not in DATABASES:
            raise ValueError(f"unknown database {db!r}; choose one of {', '.join(DATABASES)}")
        self.name, self.db = name, db
        self.port = port or int(os.environ.get("PORT", "8000"))
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        self.run_dir = Path(run_dir or VAR / "run" / f"{name}-{db}-{stamp}-{os.getpid()}")
        self.postgres: EmbeddedPostgres | None = None
        self.servers: dict[str, object] = {}
        self.architecture: Architecture | None = None
        self.database_url: str | None = None

    @property
    def base_url(self) -> str:
        """The edge's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def _database_url(self) -> str:
        if self.db == "sqlite":
            return f"sqlite:///{self.run_dir / 'data' / 'bookstore.sqlite'}"
        if os.environ.get("DATABASE_URL"):
            return os.environ["DATABASE_URL"]
        self.postgres = EmbeddedPostgres(self.run_dir / "pgdata", free_port(), self.run_dir / "logs" / "postgres.log")
        self.postgres.start()
        return self.postgres.create_database("bookstore")

    def start(self) -> "Launch":
        """Database, prepare commands, servers; returns when every worker of every server is ready."""
        try:
            self._start()
        except BaseException:  # Ctrl-C during start-up too: leave no process behind
            self.stop()
            raise
        return self

    def _start(self) -> None:
        if not port_is_free(self.port):
            raise RuntimeError(f"port {self.port} is in use: stop what runs there, or choose another with PORT=")
        shutil.rmtree(self.run_dir, ignore_errors=True)
        (self.run_dir / "data").mkdir(parents=True)
        database_url = self.database_url = self._database_url()
        self.architecture = describe(self.name, self.port, database_url, self.db)
        env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
        for command in self.architecture.prepare:
            if spawn(command, env, self.run_dir / "logs" / "prepare.log").wait() != 0:
                self._fail("preparing the data", " ".join(command))
        for component in self.architecture.components:
            ready_dir = self.run_dir / "ready" / component.name
            ready_dir.mkdir(parents=True)
            component_env = {**env, **component.env, "PORT": str(component.port), "COMPONENT_NAME": component.name}
            component_env.update(LAB_READY_DIR=str(ready_dir), WEB_CONCURRENCY=str(component.workers))
            log = self.run_dir / "logs" / f"{component.name}.log"
            self.servers[component.name] = spawn(component.command(), component_env, log)
        for component in self.architecture.components:
            self._wait_ready(component)

    def _fail(self, what: str, detail) -> None:
        raise RuntimeError(f"{self.name}: {what} failed ({detail}); logs in {self.run_dir / 'logs'}")

    def _wait_ready(self, component, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        url = f"http://127.0.0.1:{component.port}{component.health_path}"
        ready_dir = self.run_dir / "ready" / component.name
        while True:
            if self.servers[component.name].poll() is not None:
                self._fail(f"{component.name} exited at start", f"exit code {self.servers[component.name].returncode}")
            workers_ready = len(list(ready_dir.iterdir())) >= component.workers
            if workers_ready and _healthy(url):
                return
            if time.monotonic() > deadline:
                self._fail(f"{component.name} not ready after {timeout_s} s", url)
            time.sleep(0.1)

    def process_ids(self) -> dict[str, int]:
        """Root pid of every server process group and of the database, by component name."""
        pids = {name: process.pid for name, process in self.servers.items()}
        if self.postgres and self.postgres.process:
            pids["postgres"] = self.postgres.process.pid
        return pids

    def stop(self) -> None:
        """Stop every server, then the database."""
        for process in self.servers.values():
            stop_group(process)
        self.servers.clear()
        if self.postgres:
            self.postgres.stop()

    def __enter__(self) -> "Launch":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
