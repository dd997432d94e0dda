"""What the cluster runs say, for the report and for a note: rows, the USL fit, where scaling stops, as Markdown.

`python -m lab.model.cluster_summary <results dir>` prints, per architecture, its table and the USL's σ and κ.
"""

import argparse
from pathlib import Path

from lab import markdown
from lab.cluster.plan import BALANCER, DATABASE
from lab.i18n import _, ngettext, number, percent
from lab.model.cluster import ONE_MACHINE, Row, rows
from lab.model.cluster_demands import kind
from lab.model.usl import Fit, TooFewPoints, fit
from lab.records import RunRecord, UnreadableRecord, read_run

SHORTFALL = 0.25  # a speed-up this far below its ideal counts as no longer scaling
HEADERS = [
    "configuration",
    "machines",
    "cores",
    "capacity",
    "speed-up",
    "bottleneck",
    "predicted",
    "error",
    "predicted bottleneck",
    "at its speed",
    "error at its speed",
]


def load_runs(results_dir: Path) -> dict[str, dict[str, RunRecord]]:
    """results/<label>/cluster/<configuration>/run.json as found: label -> configuration -> run; others skipped."""
    found: dict[str, dict[str, RunRecord]] = {}
    for path in sorted(Path(results_dir).glob("*/cluster/*/run.json")):
        try:
            run = read_run(path)
        except UnreadableRecord as unreadable:
            print(f"skipping {unreadable}")
            continue
        if run.cluster:
            found.setdefault(path.parent.parent.parent.name, {})[path.parent.name] = run
    return found


def usl_points(found: list[Row]) -> list[tuple[float, float]]:
    """(copies, capacity) of scaling out: up-1 as one copy, then out-n without replicas."""
    chosen = [row for row in found if row.configuration == ONE_MACHINE or (row.mode == "out" and not row.replicas)]
    return [(row.n, row.capacity_rps) for row in chosen if row.capacity_rps]


def usl(found: list[Row]) -> Fit | str:
    """The USL fitted to scaling out, or why there is none."""
    try:
        return fit(usl_points(found))
    except TooFewPoints as why:
        return _("no fit: {why}").format(why=why)


def shown_path(row: Row) -> str:
    """path_name in the language spoken now."""
    if row.mode == "up":
        return _("scaling up")
    if row.replicas:
        return ngettext(
            "scaling out with {replicas} replica", "scaling out with {replicas} replicas", row.replicas
        ).format(replicas=number(row.replicas))
    return _("scaling out")


def path_name(row: Row) -> str:
    if row.mode == "up":
        return "scaling up"
    return "scaling out" + (f" with {row.replicas} replica{'s' if row.replicas > 1 else ''}" if row.replicas else "")


def why(machine: str | None, scaled: tuple[str, ...]) -> str:
    """What a bottleneck machine is, in words."""
    if machine is None:
        return _("no bottleneck was recorded")
    if kind(machine) == DATABASE:
        return _("the bottleneck is {machine}, the single database primary").format(machine=machine)
    if machine == BALANCER:
        return _("the bottleneck is {machine}, which every request crosses").format(machine=machine)
    if kind(machine) in scaled:
        return _("the bottleneck is {machine}, one of the copies themselves").format(machine=machine)
    return _("the bottleneck is {machine}, a component left on one machine").format(machine=machine)


def stops(found: list[Row]) -> list[str]:
    """Per way of scaling: the first configuration more than SHORTFALL below its ideal speed-up, and why."""
    paths: dict[str, list[Row]] = {}
    for row in found:
        if row.configuration != ONE_MACHINE and row.speedup is not None:
            paths.setdefault(path_name(row), []).append(row)
    sentences = []
    for taken in paths.values():
        taken.sort(key=lambda row: row.n)
        path = _capital(shown_path(taken[0]))
        short = next((row for row in taken if row.speedup < (1 - SHORTFALL) * row.n), None)
        if short:
            sentences.append(
                _("{path} stops at {configuration}: {speedup}× against an ideal {ideal}×; {why}.").format(
                    path=path,
                    configuration=short.configuration,
                    speedup=number(short.speedup, 1),
                    ideal=number(short.n),
                    why=why(short.bottleneck, short.scaled),
                )
            )
        else:
            last = taken[-1]
            sentences.append(
                _(
                    "{path} kept within {shortfall} of the ideal up to {configuration} ({speedup}× against {ideal}×)."
                ).format(
                    path=path,
                    shortfall=percent(SHORTFALL),
                    configuration=last.configuration,
                    speedup=number(last.speedup, 1),
                    ideal=number(last.n),
                )
            )
    return sentences


def _capital(sentence: str) -> str:
    """The first letter in capitals, the rest as it is (str.capitalize would lower a machine's name)."""
    return sentence[:1].upper() + sentence[1:]


def _number(value: float | None, form: str) -> str:
    return "–" if value is None else format(value, form)


def markdown_row(row: Row) -> list[str]:
    return [
        row.configuration,
        str(row.machines),
        f"{row.cores:.2f}",
        _number(row.capacity_rps, ".1f"),
        _number(row.speedup, ".2f") + ("×" if row.speedup is not None else ""),
        row.bottleneck or "–",
        _number(row.predicted_rps, ".1f"),
        _number(row.error_percent, "+.0f") + ("%" if row.error_percent is not None else ""),
        row.predicted_bottleneck or "–",
        _number(row.at_speed_rps, ".1f"),
        _number(row.at_speed_error_percent, "+.0f") + ("%" if row.at_speed_error_percent is not None else ""),
    ]


def usl_line(found: Fit | str) -> str:
    if isinstance(found, str):
        return f"USL: {found}"
    peak = f"peak at N ≈ {found.peak_n:.1f}" if found.peak_n else "no peak (κ = 0)"
    return (
        f"USL: σ = {found.sigma:.3f}, κ = {found.kappa:.4f} (λ = {found.lam:.1f} req/s, {peak}, "
        f"residual {found.residual_rps:.1f} req/s over {found.points} points)"
    )


def summary(results_dir: Path) -> str:
    """Every architecture's cluster table in Markdown, then its USL fit and where it stops scaling."""
    parts = []
    for label, runs in load_runs(results_dir).items():
        found = rows(runs)
        parts.append("\n".join([f"### {label}", "", markdown.table(HEADERS, map(markdown_row, found)), ""]))
        parts.append("\n".join([usl_line(usl(found)), "", *stops(found), ""]))
    return "\n".join(parts) or f"No cluster run under {results_dir}: run make bench-cluster ARCH=<arch>."


def scale_out_basis(results_dir: Path) -> str:
    """What the capacity plans' "add copies of what scales" rests on: each architecture's measured scale-out."""
    found = []
    for label, runs in load_runs(results_dir).items():
        measured = [row for row in rows(runs) if row.mode == "out" and not row.replicas and row.speedup]
        if measured:
            widest = max(measured, key=lambda row: row.n)
            fitted = usl(rows(runs))
            law = f", USL σ {number(fitted.sigma, 3)} κ {number(fitted.kappa, 4)}" if isinstance(fitted, Fit) else ""
            speedup = _("{label} {speedup}× on {machines} machines").format(
                label=label, speedup=number(widest.speedup, 1), machines=number(widest.n)
            )
            found.append(speedup + law)
    if not found:
        return _("No scale-out was measured on machines of their own (make cluster-all): the plans rest on the model.")
    return _(
        "The plans add copies of what scales as if each added its whole share; measured on machines of their own: "
        "{measured}."
    ).format(measured="; ".join(found))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lab.model.cluster_summary", description=summary.__doc__)
    parser.add_argument("results", type=Path, nargs="?", default=Path("results"), help="the results folder")
    print(summary(parser.parse_args(argv).results))


if __name__ == "__main__":
    main()
