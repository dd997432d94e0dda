"""The micro-bench in the report: what each endpoint can serve flat out, as a share of the bare floor, and
the price of one hop in each architecture against the bare hop pairs."""

from pathlib import Path

from bookstore.internal_proof import TTL_S
from lab.bench.micro.summary import floor_share, hop_prices, hop_prices_by_round, round_range, rows
from lab.records import UnreadableRecord, read_record
from lab.records.micro import MicroRecord
from lab.report.page import Table

INTRO = """`make bench-micro` drives one endpoint at a time flat out with wrk (1 thread, 16 keep-alive \
connections, after a warm-up), for the bare floor (gunicorn + Flask + one JSON answer), two bare hop pairs \
(an edge calling a backend through the architectures' pooled HTTP client, with JSON and with SOAP) and \
every architecture, all in one run, every target started afresh and measured three times in alternation. \
Every answer is checked for content. What the shared path (edge, domain, data access) costs shows as the \
share of the floor; what a hop costs, as its CPU against the bare pair's. Before any server starts, it \
prices in process the signed proof every internal call carries: signing and checking one assertion."""


def load_micro(results: Path) -> MicroRecord | None:
    """results/micro/micro.json, if the micro-bench has run."""
    path = results / "micro" / "micro.json"
    if not path.exists():
        return None
    try:
        return read_record(path, MicroRecord)
    except UnreadableRecord as unreadable:
        print(f"skipping {unreadable}")
        return None


def _processes(row: dict) -> str:
    return ", ".join(f"{name} {ms:.2f}" for name, ms in row["cpu_by_process"].items() if ms >= 0.005)


def table(run: MicroRecord | None) -> Table:
    """Medians of the rounds with their spread, the share of the floor, and CPU per request by process."""
    headers = [
        "target",
        "endpoint",
        "req/s (median)",
        "min–max",
        "share of the floor",
        "p99 ms",
        "server CPU ms/request",
        "by process",
        "wrong answers",
        "rounds with a worker idle",
    ]
    found = rows(run.measurements) if run else []
    body = [
        [
            r["target"],
            r["endpoint"],
            r["rps"],
            f"{r['rps_spread'][0]:.0f}–{r['rps_spread'][1]:.0f}",
            None if (share := floor_share(found, r)) is None else f"{100 * share:.1f} %",
            r["p99_ms"],
            r["cpu_ms"],
            _processes(r),
            r["wrong"],
            r["idle_worker_rounds"],
        ]
        for r in found
    ]
    note = (
        f"wrk -t{run.load.threads} -c{run.load.connections}, {run.load.seconds} s measured after "
        f"{run.load.warm_up_s} s, {run.load.rounds} rounds; commit {run.git_commit[:8]}. "
        "wrk is started again until every worker of the server it drives holds one of its connections; a "
        "round with a worker idle ran out of starts and was measured so."
        if run
        else "Run make bench-micro."
    )
    return Table("The most one endpoint serves: medians of the rounds", headers, body, note)


def hops(run: MicroRecord | None) -> Table:
    """Each architecture's extra hop against the bare hop of its kind, with how far single rounds strayed."""
    measurements = run.measurements if run else []
    prices, by_round = hop_prices(rows(measurements)), hop_prices_by_round(measurements)
    body = [
        [
            p["what"],
            p["hop_ms"],
            round_range(by_round.get(p["what"], []), "hop_ms"),
            p["bare_ms"],
            None if p["ratio"] is None else round(p["ratio"], 2),
            "" if p["bare"] else round_range(by_round.get(p["what"], []), "ratio"),
        ]
        for p in prices
    ]
    note = (
        "An architecture's hop: its book read's server CPU minus the monolith's on PostgreSQL (the same "
        "database, no hop). The bare hop: the pair's CPU minus the floor's. Medians of the rounds first, "
        "then each round priced on its own: a hop is a small difference of two figures that each move "
        "with the machine, so read the medians' ratio against the rounds' spread (docs/bench.md)."
    )
    return Table(
        "The price of one hop, in server CPU ms per request",
        ["hop", "CPU ms", "CPU ms, round by round", "bare hop of its kind", "× the bare hop", "×, round by round"],
        body,
        note,
    )


def proof(run: MicroRecord | None) -> Table:
    """What signing and checking the internal calls' proof costs, cold and from the caches."""
    cost = run.proof if run else None
    body: list[list[str | float | int | None]] = (
        [
            ["sign (the caller)", round(cost.sign_cold_us, 1), round(cost.sign_warm_us, 2)],
            ["verify (the callee)", round(cost.verify_cold_us, 1), round(cost.verify_warm_us, 2)],
        ]
        if cost
        else []
    )
    note = (
        f"In process, µs per operation, the median of {cost.repeats} runs of {cost.operations:,}. Cold: a new "
        "JWT (HS256) signed, or one the verifier has not seen checked in full. Cached: a signer reuses its "
        f"assertion for an account and client address while more than half its {TTL_S} s is left; a verifier "
        "remembers a valid token until its own expiry (bookstore/internal_proof.py). A hop pays one sign and "
        f"one verify: {cost.sign_cold_us + cost.verify_cold_us:.0f} µs cold, "
        f"{cost.sign_warm_us + cost.verify_warm_us:.1f} µs cached."
        if cost
        else "Run make bench-micro (records from before the proof was priced have none)."
    )
    return Table(
        "The signed proof on every internal call, in µs per operation", ["operation", "cold", "cached"], body, note
    )
