"""The micro-bench's figures: medians of the rounds with their spread, shares of the floor, and the price of
one hop in each architecture against the bare hop pairs."""

import statistics

from lab.bench.micro.targets import TARGETS
from lab.i18n import number
from lab.records.micro import Measurement
from topology import registry

ORDER = {target.label: rank for rank, target in enumerate(TARGETS)}
# Each architecture's book read against the monolith's on the same database: one hop more, of the kind it declares.
HOPS = {a.name: (a.extra_hop.kind, a.extra_hop.path) for a in registry.ARCHITECTURES if a.extra_hop is not None}
REFERENCE = "monolith-postgres"


def _cpu(measurement: Measurement) -> float:
    return sum(measurement.cpu_ms.values())


def _idle_worker_rounds(runs: list[Measurement]) -> int | None:
    """In how many runs a worker of the driven server got none of wrk's connections (lab/bench/micro/spread.py);
    None for runs from before the split was recorded."""
    splits = [run.edge_split for run in runs if run.edge_split is not None]
    return sum(not all(split) for split in splits) if splits else None


def rows(measurements: list[Measurement]) -> list[dict]:
    """One row per target and endpoint: medians over the rounds, [min, max] of throughput, CPU by process."""
    grouped: dict[tuple[str, str], list[Measurement]] = {}
    for m in measurements:
        grouped.setdefault((m.target, m.endpoint), []).append(m)
    found = []
    for (target, endpoint), runs in grouped.items():
        processes = {name for run in runs for name in run.cpu_ms}
        found.append(
            {
                "target": target,
                "endpoint": endpoint,
                "rounds": len(runs),
                "rps": statistics.median(r.rps for r in runs),
                "rps_spread": [min(r.rps for r in runs), max(r.rps for r in runs)],
                "p99_ms": statistics.median(r.p99_us for r in runs) / 1000,
                "cpu_ms": statistics.median(_cpu(r) for r in runs),
                "cpu_by_process": {p: statistics.median(r.cpu_ms.get(p, 0.0) for r in runs) for p in sorted(processes)},
                "wrk_cpu_ms": statistics.median(r.wrk_cpu_ms for r in runs),
                "wrong": sum(r.wrong + r.non_2xx + r.socket_errors for r in runs),
                "idle_worker_rounds": _idle_worker_rounds(runs),
            }
        )
    return sorted(found, key=lambda row: (ORDER.get(row["target"], len(ORDER)), row["target"]))


def _find(table: list[dict], target: str, endpoint: str) -> dict | None:
    return next((r for r in table if r["target"] == target and r["endpoint"] == endpoint), None)


def floor_share(table: list[dict], row: dict) -> float | None:
    """A row's throughput as a share of the bare floor's, measured in the same rounds."""
    floor = _find(table, "floor", "floor")
    return row["rps"] / floor["rps"] if floor and floor["rps"] else None


def hop_prices(table: list[dict]) -> list[dict]:
    """The CPU one hop adds: the bare pairs' (pair minus floor), and each architecture's book read minus the
    monolith's on PostgreSQL, set against the bare hop of its kind."""
    floor = _find(table, "floor", "floor")
    if not floor:
        return []
    bare = {
        kind: row["cpu_ms"] - floor["cpu_ms"]
        for kind in ("JSON hop", "SOAP hop")
        if (row := _find(table, "hop pairs", kind))
    }
    prices = [
        {"what": f"bare {kind} (hop pair)", "bare": True, "hop_ms": ms, "bare_ms": ms, "ratio": 1.0}
        for kind, ms in bare.items()
    ]
    reference = _find(table, REFERENCE, "book")
    for architecture, (kind, path) in HOPS.items():
        row = _find(table, architecture, "book")
        if row and reference and kind in bare:
            hop = row["cpu_ms"] - reference["cpu_ms"]
            prices.append(
                {
                    "what": f"{architecture}: {path} ({kind})",
                    "bare": False,
                    "hop_ms": hop,
                    "bare_ms": bare[kind],
                    "ratio": hop / bare[kind] if bare[kind] > 0 else None,
                }
            )
    return prices


def hop_prices_by_round(measurements: list[Measurement]) -> dict[str, list[dict]]:
    """Each hop priced in every round on its own (the floor, the pair and the architecture measured minutes
    apart), in round order: how far one round's figure strays, to read the medians' figure against."""
    found: dict[str, list[dict]] = {}
    for round_number in sorted({m.round for m in measurements}):
        for price in hop_prices(rows([m for m in measurements if m.round == round_number])):
            found.setdefault(price["what"], []).append(price)
    return found


def round_range(prices: list[dict], key: str) -> str:
    """min–max of one figure over the rounds, as text; empty where no round had it."""
    values = [price[key] for price in prices if price[key] is not None]
    return f"{number(min(values), 2)}–{number(max(values), 2)}" if values else ""


def text_table(measurements: list[Measurement]) -> str:
    """The table for the terminal."""
    table, by_round = rows(measurements), hop_prices_by_round(measurements)
    lines = [f"{'target':<18} {'endpoint':<9} {'req/s':>8} {'(min–max)':>15} {'floor %':>8} {'CPU ms/req':>10}"]
    for row in table:
        share = floor_share(table, row)
        low, high = row["rps_spread"]
        idle = f"  (a worker idle in {row['idle_worker_rounds']} rounds)" if row["idle_worker_rounds"] else ""
        lines.append(
            f"{row['target']:<18} {row['endpoint']:<9} {row['rps']:>8.0f} {f'{low:.0f}–{high:.0f}':>15} "
            f"{'' if share is None else f'{100 * share:.1f}':>8} {row['cpu_ms']:>10.3f}{idle}"
        )
    for price in hop_prices(table):
        rounds = by_round.get(price["what"], [])
        ratio = "" if price["ratio"] is None else f" = {price['ratio']:.2f} × the bare hop"
        if price["ratio"] is not None and not price["bare"]:
            ratio += f" (round by round {round_range(rounds, 'ratio')})"
        cpu = f"{price['hop_ms']:.3f} ms CPU (rounds {round_range(rounds, 'hop_ms')})"
        lines.append(f"hop: {price['what']}: {cpu}{ratio}")
    return "\n".join(lines)
