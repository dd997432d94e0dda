"""What the calibrated model says beyond what one machine can measure: curves to 1,000,000 users and capacity plans."""

from dataclasses import asdict, replace

from lab.i18n import N_, _, number, percent
from lab.model.calibration import DATABASE, REPLICA, Calibration, predicted_response_s
from lab.model.capacity import Tier, plan
from lab.records import RunRecord
from lab.settings import at_start
from topology import registry

POPULATIONS = (
    100,
    200,
    500,
    1_000,
    1_500,
    2_000,
    3_000,
    5_000,
    10_000,
    20_000,
    50_000,
    100_000,
    200_000,
    500_000,
    1_000_000,
)
PLAN_POPULATIONS = (1_000, 10_000, 100_000, 1_000_000)
SLO_S = at_start().slo_ms / 1000
# The biggest single server we let a component grow to where it cannot scale out: a database
# primary, or a monolith tied to its SQLite file. Settable, because it is an assumption.
MAX_CORES_ONE_MACHINE = at_start().max_cores_one_machine
CORES_PER_REPLICA = 2  # as the lab runs each server: two gunicorn workers
# A database replica's machine: an assumption (replicas are usually bigger than a web server), so settable.
REPLICA_CORES = at_start().replica_cores
SQLITE_LOCK_TIER = N_("sqlite write lock")  # a tier name too
REPLICA_TIER = N_("postgres replicas")  # a tier name; the report translates it where shown


def machine_curve(calibration: Calibration, populations=POPULATIONS) -> list[dict]:
    """Throughput and mean response time against users on this machine as it is."""
    points = []
    for users in populations:
        throughput, response = predicted_response_s(calibration, users)
        points.append({"users": users, "throughput_rps": throughput, "response_ms": 1000 * response})
    return points


def write_lock_demand_s(run: RunRecord) -> float:
    """Seconds per edge request that SQLite's single writer is held: the mean time of write requests.

    An upper bound: a write request's whole response time, not only its transaction, is counted.
    """
    writes = [e for e in run.endpoints if e.method != "GET" and e.latency_ms.mean is not None]
    held_ms = sum(e.requests * e.latency_ms.mean for e in writes)
    return held_ms / 1000 / run.totals.requests


def tiers(calibration: Calibration, run: RunRecord, database: str) -> list[Tier]:
    """The components as a capacity plan sees them: what scales out, what only up, what not at all."""
    demands = dict(calibration.demands_s)
    database_s = demands.pop(DATABASE, 0.0)
    # Hot standbys take the reads that may be stale and scale out; the primary keeps writes and fresh reads.
    replicas = [Tier(REPLICA_TIER, demands.pop(REPLICA), cores_per_replica=REPLICA_CORES)] if REPLICA in demands else []
    if database == "sqlite":
        # The SQLite file lives beside the one process that writes it: the monolith grows only upwards.
        ((name, demand),) = demands.items()
        return [
            Tier(name, demand, max_replicas=1, max_cores_per_replica=MAX_CORES_ONE_MACHINE),
            Tier(SQLITE_LOCK_TIER, write_lock_demand_s(run), serial=True),
        ]
    scalable = [Tier(name, demand, cores_per_replica=CORES_PER_REPLICA) for name, demand in demands.items()]
    primary = {"max_replicas": 1, "max_cores_per_replica": MAX_CORES_ONE_MACHINE}
    declared = registry.charted(calibration.label)
    if declared and declared.own_databases:
        # One embedded server holds the services' databases here (the microservices'); deployed, each has its
        # own primary. Its CPU is split by each service's own CPU share: an assumption, not a measurement.
        services = {name: demand for name, demand in demands.items() if name in declared.own_databases}
        total = sum(services.values()) or 1.0
        return (
            scalable
            + replicas
            + [
                Tier(f"{DATABASE} ({name})", database_s * demand / total, **primary)
                for name, demand in services.items()
            ]
        )
    return scalable + replicas + ([Tier(DATABASE, database_s, **primary)] if database_s else [])


def write_share(run: RunRecord) -> float:
    """The share of edge requests that write (POST): what a database primary must take whatever the replicas."""
    writes = sum(e.requests for e in run.endpoints if e.method != "GET")
    return writes / run.totals.requests if run.totals.requests else 0.0


def with_write_rate(limit: str | None, ceiling_rps: float | None, run: RunRecord) -> str | None:
    """A primary's limit, also as the writes per second it can take at this run's mix."""
    if not limit or not limit.startswith(DATABASE) or ceiling_rps is None:
        return limit
    share = write_share(run)
    if not share:
        return limit
    said = _("{limit} (at this run's {share} of writes: {writes} writes/s)")
    return said.format(limit=limit, share=percent(share, 1), writes=number(ceiling_rps * share))


def split_database(planned: list[Tier]) -> list[Tier]:
    """The same tiers with every database free to scale out (sharded or replicated: beyond this lab)."""
    return [
        replace(t, max_replicas=None, max_cores_per_replica=None) if t.name.startswith(DATABASE) else t for t in planned
    ]


def capacity_plans(calibration: Calibration, run: RunRecord, database: str, slo_s: float = SLO_S) -> list[dict]:
    """The fewest cores that keep the mean response time under the SLO, at each planned population.

    Where a single database primary is the limit, `cores_if_database_split` says what a
    database that scales out would need; a monolith tied to its SQLite file has no such way out.
    """
    found = []
    planned = tiers(calibration, run, database)
    for users in PLAN_POPULATIONS:
        result = asdict(plan(planned, calibration.delay_s, calibration.think_s, users, slo_s))
        result["limit"] = with_write_rate(result["limit"], result["ceiling_rps"], run)
        result["cores_if_database_split"] = None
        if not result["feasible"] and database != "sqlite":
            split = plan(split_database(planned), calibration.delay_s, calibration.think_s, users, slo_s)
            result["cores_if_database_split"] = split.total_cores if split.feasible else None
        found.append(result)
    return found


def scaling_paths(calibration: Calibration, run: RunRecord, database: str, slo_s: float = SLO_S) -> dict:
    """Where each path leads beyond this machine: the most requests per second, and users within the SLO.

    Up: the whole architecture on one machine of MAX_CORES_ONE_MACHINE cores. Out: as many instances
    as wanted of everything that scales out, until a part that cannot (a database primary, SQLite's
    write lock, a monolith tied to its file) saturates.
    """
    capped = [t for t in tiers(calibration, run, database) if t.demand_s > 0 and (t.serial or t.max_replicas)]
    ceilings = [(t.name, _cores(t) / t.demand_s) for t in capped]
    limit, out = min(ceilings, key=lambda ceiling: ceiling[1], default=(None, float("inf")))
    # A lock admits one request at a time however big the machine: it caps scaling up too.
    up = min([MAX_CORES_ONE_MACHINE / calibration.server_demand_s] + [1 / t.demand_s for t in capped if t.serial])
    per_user = calibration.think_s + slo_s  # a user within the SLO asks once per think time plus response
    return {"up_rps": up, "up_users": up * per_user, "out_rps": out, "out_users": out * per_user, "out_limit": limit}


def _cores(tier: Tier) -> int:
    return 1 if tier.serial else tier.max_replicas * (tier.max_cores_per_replica or tier.cores_per_replica)
