"""Read replicas in the report: the read modes side by side, the model across them, the million with replicas."""

import re

from lab.i18n import N_, _, number
from lab.model.calibration import DATABASE, REPLICA, calibrate
from lab.model.projection import MAX_CORES_ONE_MACHINE, REPLICA_CORES, REPLICA_TIER, SLO_S, capacity_plans
from lab.model.validation import validate
from lab.records import RunRecord, capacity_step
from lab.report.page import Table
from lab.report.results import Results, server_cpu_ms
from loadtests.profiles import SATURATION

REPLICATED = re.compile(r"^(?P<base>.+)-r(?P<replicas>\d+)-(?P<mode>primary|replica|bounded)$")
# The section's texts, marked for the catalog and said with _() where shown.
INTRO = N_(
    """`PG_REPLICAS=N` gives an architecture's PostgreSQL server N hot standbys, fed by PostgreSQL's own \
streaming replication (pg_basebackup, a replication slot each); the microservices' catalog takes \
`REPLICAS_DB_CATALOG=N`. Each architecture routes in its own data-access layer (the monolith's and the \
application tier's store, the SOA's Book provider, the microservices' catalog): catalog pages, searches and \
book pages may be a little stale and go where `READS` says; logging in, orders and the stock an order takes \
need the truth and stay on the primary. `READS=primary` reads nothing from a replica (always consistent), \
`replica` reads from the replicas in turn (eventually consistent), `bounded` reads a replica only while its \
replay lag is under `MAX_STALENESS_MS`, else the primary. Stale reads are counted where a shopper can tell \
(a stock figure higher than one it already saw, its own order not yet counted), not as failures: they are \
the price of the mode. On this machine's two cores the replicas compete for the same CPU as everything else, \
so throughput cannot rise here; what the runs give the model is how the database's work splits between the \
primary and the replicas."""
)


def replicated_labels(results: Results) -> dict[str, tuple[str, int, str]]:
    """label -> (label of the same architecture without replicas, replicas, read mode)."""
    found = {}
    for label in results.labels:
        match = REPLICATED.match(label)
        if match:
            found[label] = (match["base"], int(match["replicas"]), match["mode"])
    return found


def _row(label: str, load: str, run: RunRecord, throughput, p95, requests) -> list:
    cpu = server_cpu_ms(run)
    replicas = sum(ms for name, ms in cpu.items() if name.startswith(REPLICA))
    lag, stale = run.replication and run.replication.lag_ms, run.stale_reads
    return [
        label,
        load,
        throughput,
        p95,
        sum(cpu.values()),
        cpu.get(DATABASE),
        replicas or None,
        lag and lag.median,
        lag and lag.max,
        stale and stale.stale_per_1000_reads,
        requests,
    ]


def modes_side_by_side(results: Results) -> Table:
    """Each architecture with replicas beside the same architecture without: at users-1000 and at the knee."""
    replicated = replicated_labels(results)
    rows = []
    for base in dict.fromkeys(base for base, _replicas, _mode in replicated.values()):
        for label in [base, *(label for label, (b, _replicas, _mode) in replicated.items() if b == base)]:
            run = results.run(label, "users-1000")
            if run:
                totals = run.totals
                rows.append(
                    _row(label, "users-1000", run, totals.throughput_rps, totals.latency_ms.p95, totals.requests)
                )
            saturation = results.run(label, SATURATION)
            steps = [s for s in (saturation and saturation.steps) or [] if not s.stop_reason]
            if steps:
                knee = capacity_step(steps)
                rows.append(
                    _row(
                        label,
                        _("step {users}").format(users=number(knee.users)),
                        saturation,
                        knee.throughput_rps,
                        knee.latency_ms.p95,
                        knee.requests,
                    )
                )
    headers = [
        _("architecture"),
        _("load"),
        _("req/s"),
        _("p95 ms"),
        _("server CPU ms/req"),
        _("primary ms/req"),
        _("replicas ms/req"),
        _("lag median ms"),
        _("lag max ms"),
        _("stale per 1,000 reads"),
        _("requests"),
    ]
    return Table(
        _("Read modes side by side: the same architecture without and with replicas"),
        headers,
        rows,
        note=_("At a step the CPU and stale reads are those of the whole saturation run."),
    )


def predicted_from_unreplicated(results: Results) -> dict[str, list[dict]]:
    """Rows of the model calibrated on the run without replicas (users-100), predicting the runs with them."""
    found = {}
    for label, (base, _replicas, _mode) in replicated_labels(results).items():
        light = results.run(base, "users-100")
        if light:
            rows = validate(light, results.run(label, "users-1000"), results.run(label, SATURATION))
            found[_("{label} (from {base})").format(label=label, base=base)] = rows
    return found


def primary_cores(cores: dict[str, int]) -> int:
    """The cores of a plan's primaries (one database, or one per service), without the replicas'."""
    return sum(
        n for name, n in cores.items() if name == DATABASE or (name.startswith(DATABASE + " ") and name != REPLICA_TIER)
    )


def million(results: Results) -> Table:
    """Per architecture with replicas: do 1,000,000 users fit with one primary and R replicas, and what limits it."""
    rows = []
    for label, (base, _replicas, mode) in replicated_labels(results).items():
        run = results.run(label, "users-1000") or results.run(label, "users-100")
        if not run:
            continue
        calibration = calibrate(run, results.run(label, "users-100"))
        plan = capacity_plans(calibration, run, run.database)[-1]
        replicas = plan["replicas"].get(REPLICA_TIER)
        rows.append(
            [
                base,
                mode,
                _("yes") if plan["feasible"] else _("no"),
                replicas,
                primary_cores(plan["cores"]) or None,
                plan["total_cores"] if plan["feasible"] else None,
                plan["limit"] or _("within the SLO"),
            ]
        )
    headers = [
        _("architecture"),
        _("reads"),
        _("1,000,000 users fit"),
        _("replicas of {cores} cores").format(cores=number(REPLICA_CORES)),
        _("primary cores"),
        _("cores in all"),
        _("what limits it"),
    ]
    note = _(
        "By the model calibrated on each run with replicas; a primary may grow to {primary} cores "
        "(MAX_CORES_ONE_MACHINE), a replica is {replica} (REPLICA_CORES), SLO {slo} ms."
    ).format(primary=number(MAX_CORES_ONE_MACHINE), replica=number(REPLICA_CORES), slo=number(1000 * SLO_S))
    caption = _("A million users with a data tier that scales out: one primary and R replicas")
    return Table(caption, headers, rows, note)
