"""The data an architecture runs on: a SQLite file, the user's server, or an embedded PostgreSQL and its replicas."""

from pathlib import Path

from sqlalchemy.engine import make_url

from lab.launch import replication
from lab.launch.ports import free_port
from lab.launch.postgres import EmbeddedPostgres
from lab.settings import LabSettings, read


class DataTier:
    """Started before the servers; its replicas after the data is prepared, so that they copy it."""

    def __init__(self, db: str, run_dir: Path, replicas_wanted: int, settings: LabSettings | None = None):
        self.db, self.run_dir, self.replicas_wanted = db, run_dir, replicas_wanted
        self.lab = settings or read()
        self.postgres: EmbeddedPostgres | None = None
        self.replicas: list[EmbeddedPostgres] = []
        self.replica_urls: tuple[str, ...] = ()

    def start(self) -> str:
        """The database URL the architecture gets: its file, DATABASE_URL, or a fresh embedded server's."""
        if self.db == "none":
            return ""
        if self.db == "sqlite":
            return f"sqlite:///{self.run_dir / 'data' / 'bookstore.sqlite'}"
        if self.lab.database_url:  # the user's own server, and the user's own replicas if any
            self.replica_urls = tuple(u for u in self.lab.database_replica_urls.split(",") if u.strip())
            if self.replicas_wanted and not self.replica_urls:
                raise RuntimeError("with your own DATABASE_URL, name your replicas in DATABASE_REPLICA_URLS")
            return self.lab.database_url
        logs = self.run_dir / "logs" / "postgres.log"
        self.postgres = EmbeddedPostgres(self.run_dir / "pgdata", free_port(), logs, self.lab.pg_log_statements)
        self.postgres.start()
        url = self.postgres.create_database("bookstore")
        self.replica_urls = replication.replica_urls(url, [free_port() for _ in range(self.replicas_wanted)])
        return url

    def start_replicas(self) -> None:
        """Hot standbys of the prepared data, streaming from here on (only of an embedded server)."""
        if self.postgres and self.replica_urls:
            ports = [make_url(url).port for url in self.replica_urls]
            self.replicas = replication.start_replicas(self.postgres, self.run_dir, ports)

    def process_ids(self) -> dict[str, int]:
        """Root pid of the database server and of each replica, by name."""
        pids = {"postgres": self.postgres.process.pid} if self.postgres and self.postgres.process else {}
        return pids | {replication.replica_name(n): r.process.pid for n, r in enumerate(self.replicas, start=1)}

    def addresses(self) -> dict[str, str]:
        """Where the lab's own servers listen."""
        found = {}
        if self.postgres:
            found["postgres"] = f"postgresql://127.0.0.1:{self.postgres.port} (password authentication)"
        for n, replica in enumerate(self.replicas, start=1):
            found[replication.replica_name(n)] = f"postgresql://127.0.0.1:{replica.port} (hot standby, read-only)"
        return found

    def stop(self) -> list[str]:
        """The replicas, then the primary; the names of what was running."""
        stopped = []
        for n, replica in enumerate(self.replicas, start=1):
            if replica.process and replica.process.poll() is None:
                replica.stop()
                stopped.append(replication.replica_name(n))
        if self.postgres and self.postgres.process and self.postgres.process.poll() is None:
            self.postgres.stop()
            stopped.append("postgres")
        return stopped


class GivenDatabase(DataTier):
    """A database someone else runs (the CAP experiment's primary and replica), as one site sees it."""

    def __init__(self, url: str, replica_urls: tuple[str, ...]):
        super().__init__("postgres", Path(), len(replica_urls))
        self.url, self.replica_urls = url, replica_urls

    def start(self) -> str:
        return self.url
