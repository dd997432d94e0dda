"""The micro-bench in the report: what each endpoint can serve flat out, as a share of the bare floor, and
the price of one hop in each architecture against the bare hop pairs."""

from pathlib import Path

from bookstore.internal_proof import TTL_S
from lab.bench.micro.summary import floor_share, hop_prices, hop_prices_by_round, round_range, rows
from lab.i18n import N_, _, number
from lab.records import UnreadableRecord, read_record
from lab.records.micro import MicroRecord
from lab.report.page import Table

INTRO = N_(
    """`make bench-micro` drives one endpoint at a time flat out with wrk (1 thread, 16 keep-alive \
connections, after a warm-up), for the bare floor (gunicorn + Flask + one JSON answer), two bare hop pairs \
(an edge calling a backend through the architectures' pooled HTTP client, with JSON and with SOAP) and \
every architecture, all in one run, every target started afresh and measured three times in alternation. \
Every answer is checked for content. What the shared path (edge, domain, data access) costs shows as the \
share of the floor; what a hop costs, as its CPU against the bare pair's. Before any server starts, it \
prices in process the signed proof every internal call carries: signing and checking one assertion."""
)
BARE_HOPS = (N_("bare JSON hop (hop pair)"), N_("bare SOAP hop (hop pair)"))  # lab/bench/micro/summary.py names them


def load_micro(results: Path) -> MicroRecord | None:
    """results/micro/micro.json, if the micro-bench has run."""
    path = results / "micro" / "micro.json"
    if not path.exists():
        return None
    try:
        return read_record(path, MicroRecord)
    except UnreadableRecord as unreadable:
        print(_("skipping {record}").format(record=unreadable))
        return None


def _processes(row: dict) -> str:
    return ", ".join(f"{name} {number(ms, 2)}" for name, ms in row["cpu_by_process"].items() if ms >= 0.005)


def table(run: MicroRecord | None) -> Table:
    """Medians of the rounds with their spread, the share of the floor, and CPU per request by process."""
    headers = [
        _("target"),
        _("endpoint"),
        _("req/s (median)"),
        _("min–max"),
        _("share of the floor"),
        _("p99 ms"),
        _("server CPU ms/request"),
        _("by process"),
        _("wrong answers"),
        _("rounds with a worker idle"),
    ]
    found = rows(run.measurements) if run else []
    body = [
        [
            r["target"],
            r["endpoint"],
            r["rps"],
            f"{number(r['rps_spread'][0])}–{number(r['rps_spread'][1])}",
            None if (share := floor_share(found, r)) is None else f"{number(100 * share, 1)} %",
            r["p99_ms"],
            r["cpu_ms"],
            _processes(r),
            r["wrong"],
            r["idle_worker_rounds"],
        ]
        for r in found
    ]
    note = (
        _(
            "wrk -t{threads} -c{connections}, {seconds} s measured after {warm_up} s, {rounds} rounds; commit "
            "{commit}. wrk is started again until every worker of the server it drives holds one of its "
            "connections; a round with a worker idle ran out of starts and was measured so."
        ).format(
            threads=run.load.threads,
            connections=run.load.connections,
            seconds=run.load.seconds,
            warm_up=run.load.warm_up_s,
            rounds=run.load.rounds,
            commit=run.git_commit[:8],
        )
        if run
        else _("Run make bench-micro.")
    )
    return Table(_("The most one endpoint serves: medians of the rounds"), headers, body, note)


def hops(run: MicroRecord | None) -> Table:
    """Each architecture's extra hop against the bare hop of its kind, with how far single rounds strayed."""
    measurements = run.measurements if run else []
    prices, by_round = hop_prices(rows(measurements)), hop_prices_by_round(measurements)
    body = [
        [
            _(p["what"]) if p["bare"] else p["what"],
            p["hop_ms"],
            round_range(by_round.get(p["what"], []), "hop_ms"),
            p["bare_ms"],
            None if p["ratio"] is None else round(p["ratio"], 2),
            "" if p["bare"] else round_range(by_round.get(p["what"], []), "ratio"),
        ]
        for p in prices
    ]
    note = _(
        "An architecture's hop: its book read's server CPU minus the monolith's on PostgreSQL (the same "
        "database, no hop). The bare hop: the pair's CPU minus the floor's. Medians of the rounds first, "
        "then each round priced on its own: a hop is a small difference of two figures that each move "
        "with the machine, so read the medians' ratio against the rounds' spread (docs/bench.md)."
    )
    return Table(
        _("The price of one hop, in server CPU ms per request"),
        [
            _("hop"),
            _("CPU ms"),
            _("CPU ms, round by round"),
            _("bare hop of its kind"),
            _("× the bare hop"),
            _("×, round by round"),
        ],
        body,
        note,
    )


def proof(run: MicroRecord | None) -> Table:
    """What signing and checking the internal calls' proof costs, cold and from the caches."""
    cost = run.proof if run else None
    body: list[list[str | float | int | None]] = (
        [
            [_("sign (the caller)"), round(cost.sign_cold_us, 1), round(cost.sign_warm_us, 2)],
            [_("verify (the callee)"), round(cost.verify_cold_us, 1), round(cost.verify_warm_us, 2)],
        ]
        if cost
        else []
    )
    note = (
        _(
            "In process, µs per operation, the median of {repeats} runs of {operations}. Cold: a new JWT (HS256) "
            "signed, or one the verifier has not seen checked in full. Cached: a signer reuses its assertion for "
            "an account and client address while more than half its {ttl} s is left; a verifier remembers a "
            "valid token until its own expiry (bookstore/internal_proof.py). A hop pays one sign and one verify: "
            "{cold} µs cold, {cached} µs cached."
        ).format(
            repeats=number(cost.repeats),
            operations=number(cost.operations),
            ttl=number(TTL_S),
            cold=number(cost.sign_cold_us + cost.verify_cold_us),
            cached=number(cost.sign_warm_us + cost.verify_warm_us, 1),
        )
        if cost
        else _("Run make bench-micro (records from before the proof was priced have none).")
    )
    headers = [_("operation"), _("cold"), _("cached")]
    return Table(_("The signed proof on every internal call, in µs per operation"), headers, body, note)
