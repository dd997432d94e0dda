"""`make cap-<arch>`: an architecture at two sites, a real partition between them, in CP or AP mode.

Site A holds the primary and site B a replica streaming from it, each site its own servers; shoppers
roam between the sites. After a warm-up the link between the sites is cut, then healed, and the
replica catches up. Only how site B reads differs between the modes (READS): CP reads the primary
(consistent, so unavailable while cut off), AP reads its replica (available, but stale).
"""

import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import psycopg

from lab.cap import outcome
from lab.cap.site_launch import SiteLaunch
from lab.cap.sites import Sites, two_sites
from lab.chaos import data_check
from lab.launch import leftovers, replication
from lab.launch.postgres import EmbeddedPostgres
from lab.launch.processes import spawn
from lab.load.generator import locust, shoppers
from lab.paths import RESULTS, ROOT, RUNS
from lab.records import write_record
from lab.settings import at_start, inherited_environment
from loadtests.profiles import CAP_SHOPPERS
from topology import registry

MODES = {"CP": "primary", "AP": "replica"}  # how site B reads what may be stale
# A small store, so that shoppers meet each other's orders: stale stock is seen only where someone knows better.
CAP_BOOKS = str(at_start().cap_books)
HEARTBEAT_TABLE = (
    "CREATE TABLE lab_heartbeat (id int PRIMARY KEY, at timestamptz); INSERT INTO lab_heartbeat VALUES (1, now())"
)
CAP_RESULTS = RESULTS / "cap"
SITE_PORT, DB_PORT = 8000, 5432  # each site is a namespace of its own: the usual ports are free there


@dataclass(frozen=True)
class CapTiming:
    """Seconds of each phase; after the heal the load goes on until the replica has caught up (at most a limit)."""

    warm_s: float = 10
    before_s: float = 10
    partition_s: float = 20
    after_s: float = 15
    converge_limit_s: float = 120

    def lasting(self, seconds: float) -> "CapTiming":
        """The same phases in proportion, planned to last `seconds` in all (a rehearsal's short run); the
        convergence is still awaited up to its limit."""
        share = seconds / (self.warm_s + self.before_s + self.partition_s + self.after_s)
        return replace(
            self,
            warm_s=self.warm_s * share,
            before_s=self.before_s * share,
            partition_s=self.partition_s * share,
            after_s=self.after_s * share,
        )


DEFAULT_TIMING = CapTiming().lasting(at_start().cap_seconds)  # CAP_SECONDS, 55 as planned


def _say(label: str, began: float, text: str) -> None:
    print(f"[cap {label}] {time.monotonic() - began:5.1f} s  {text}", flush=True)


class Run:
    """One run's data tier, both sites' servers, the roaming shoppers and the samples taken meanwhile."""

    def __init__(self, architecture: str, mode: str, sites: Sites, out: Path, users: int, shared: dict[str, str]):
        """shared: variables both sites' servers and the shoppers get (the store's size, the service passwords)."""
        self.architecture, self.mode, self.sites, self.out, self.users = architecture, mode, sites, out, users
        self.shared = shared
        self.folder = RUNS / f"cap-{architecture}-{mode}-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
        self.lag: list[tuple[float, float, int]] = []
        self.primary = self.replica = self.locust = None
        self.launches: list[SiteLaunch] = []

    def start(self) -> None:
        """The primary at A, its replica at B, then each site's servers (A prepares the data for both)."""
        logs = self.folder / "logs"
        self.primary = EmbeddedPostgres(
            self.folder / "pgdata",
            DB_PORT,
            logs / "postgres.log",
            netns=self.sites.a.netns,
            listen="*",
            address=self.sites.a.address,
        )
        self.primary.start()
        self.primary.create_database("bookstore")
        with psycopg.connect(self.primary.dsn("postgres"), autocommit=True) as conn:
            conn.execute(HEARTBEAT_TABLE)
        leftovers.record(self.folder, {"postgres": self.primary.process.pid})
        self.replica = self.primary.replica(
            self.folder / "pgdata-replica-1",
            DB_PORT,
            logs / "postgres-replica-1.log",
            replication.slot_name(1),
            netns=self.sites.b.netns,
            listen="*",
            address=self.sites.b.address,
            source=self.sites.a_across,
        )
        leftovers.record(
            self.folder, {"postgres": self.primary.process.pid, replication.replica_name(1): self.replica.process.pid}
        )
        at = lambda host: f"postgresql+psycopg://postgres:{self.primary.password}@{host}:{DB_PORT}/bookstore"  # noqa: E731
        site_a = SiteLaunch(
            self.architecture,
            self.sites.a,
            SITE_PORT,
            self.folder / "site-a",
            at("127.0.0.1"),
            (),
            {**self.shared, "READS": "primary"},
            prepares_data=True,
        )
        site_b = SiteLaunch(
            self.architecture,
            self.sites.b,
            SITE_PORT,
            self.folder / "site-b",
            at(self.sites.a_across),
            (at("127.0.0.1"),),
            {**self.shared, "READS": MODES[self.mode]},
            prepares_data=False,
        )
        for site in (site_a, site_b):
            self.launches.append(site)
            site.start()

    def start_load(self) -> None:
        """Roaming shoppers: each request to site A or site B at random, every outcome counted per site."""
        roam = f"A={self.sites.a.url(SITE_PORT)},B={self.sites.b.url(SITE_PORT)}"
        files = ",".join(str(ROOT / "loadtests" / name) for name in ("locustfile.py", "timeline.py"))
        command = locust(files, self.sites.a.url(SITE_PORT), *shoppers(replace(CAP_SHOPPERS, users=self.users)))
        env = {
            **inherited_environment(),
            **self.shared,
            "LAB_SITES": roam,
            "LAB_TIMELINE": str(self.out / "timeline.json"),
            "LAB_STALENESS_DIR": str(self.out / "staleness"),
            "PYTHONPATH": str(ROOT),
        }
        self.locust = spawn(command, env, self.out / "locust.log", own_group=False)

    def sample_lag(self) -> tuple[float, int] | None:
        """A heartbeat written on the primary, then how far the replica is behind it: kept in the series.

        The heartbeat (as pt-heartbeat does) makes the primary write every second, so a replica cut off
        falls behind measurably even when no shopper happens to write. None when it cannot be asked.
        """
        try:
            with psycopg.connect(self.primary.dsn("postgres"), autocommit=True, connect_timeout=3) as conn:
                conn.execute("UPDATE lab_heartbeat SET at = now()")
            ms, lag_bytes = replication.behind(self.primary, self.replica)
        except Exception:  # noqa: BLE001 (a server that cannot be asked this second is a gap in the series)
            return None
        self.lag.append((round(time.time(), 3), ms, lag_bytes))
        return ms, lag_bytes

    def wait(self, seconds: float) -> None:
        """Let the load run for a while, sampling the lag every second."""
        until = time.time() + seconds
        while time.time() < until:
            if self.locust.poll() is not None:
                raise RuntimeError(f"Locust stopped early; see {self.out / 'locust.log'}")
            self.sample_lag()
            time.sleep(max(0.0, min(1.0, until - time.time())))

    def stop(self) -> None:
        """The load, then both sites' servers, then the replica and the primary; whatever was started."""
        if self.locust and self.locust.poll() is None:
            self.locust.terminate()
            self.locust.wait(120)
        for site in reversed(self.launches):
            site.stop()
        for server in (self.replica, self.primary):
            if server:
                server.stop()
        leftovers.forget(self.folder)


def run_cap(
    architecture: str,
    mode: str,
    results: Path = CAP_RESULTS,
    timing: CapTiming = DEFAULT_TIMING,
    users: int = CAP_SHOPPERS.users,
) -> Path:
    """One fresh run in one mode; writes results/cap/<arch>/<mode>/run.json and returns its folder."""
    if mode not in MODES:
        raise ValueError(f"the CAP experiment runs in mode {' or '.join(MODES)}, not {mode!r}")
    label, began = f"{architecture} {mode}", time.monotonic()
    out = results / architecture / mode
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    inherited = inherited_environment()
    passwords = (f"{service.upper()}_DB_PASSWORD" for service in registry.declared(architecture).own_databases)
    # The same service passwords wherever a site derives its database URLs.
    shared = {name: inherited.get(name) or secrets.token_hex(12) for name in passwords} | {"SEED_BOOKS": CAP_BOOKS}
    with two_sites() as sites:
        run = Run(architecture, mode, sites, out, users, shared)
        try:
            _say(label, began, "starting the primary at site A, its replica at site B, and both sites' servers")
            run.start()
            run.start_load()
            _say(
                label,
                began,
                f"{users} roaming shoppers; the link between the sites is cut at "
                f"{timing.warm_s + timing.before_s:.0f} s for {timing.partition_s:.0f} s",
            )
            run.wait(timing.warm_s + timing.before_s)
            partition_at = time.time()
            sites.partition()
            _say(label, began, "partitioned: site B cannot reach site A")
            run.wait(timing.partition_s)
            heal_at = time.time()
            sites.heal()
            _say(label, began, "healed; waiting for the replica to catch up")
            converged_at = outcome.wait_until_converged(run, heal_at, timing)
            _say(label, began, "caught up" if converged_at else "NOT caught up within the limit")
            run.locust.terminate()
            run.locust.wait(120)
            confirmed = json.loads((out / "timeline.json").read_text())["confirmed_orders"]
            verdict = data_check.check(run.launches[0], confirmed)
            found = outcome.summarise(run, timing, partition_at, heal_at, converged_at, verdict)
        finally:
            run.stop()
    write_record(out / "run.json", found)
    _say(label, began, outcome.verdict_line(found))
    return out
