"""How much the closed loop understated the tail: the open loop's p99 near the knee against the closed loop's.

`python -m lab.report.open_comparison <results dir>` prints it, and the overload verdicts, as Markdown.
"""

import argparse
from dataclasses import dataclass
from pathlib import Path

from lab import markdown
from lab.i18n import N_, _
from lab.load.overload_verdicts import plain_number
from lab.records import RunRecord, UnreadableRecord, capacity_step, read_record, read_run
from lab.records.open_loop import OpenLoopRecord, PhaseFigures
from loadtests.profiles import SATURATION

SHARES = (0.8, 1.2)  # below and past the knee
NEAR = 0.05  # k6 takes whole requests a second, so a step may sit a little off its share
HEADERS = [
    N_("architecture"),
    N_("share of the knee"),
    N_("offered req/s"),
    N_("open p99 ms"),
    N_("k6's own p99 ms"),
    N_("closed p99 ms"),
    N_("closed at req/s"),
    N_("open / closed"),
    N_("dropped"),
    N_("late"),
]


def headers() -> list[str]:
    """The table's headers in the language spoken now."""
    return [_(header) for header in HEADERS]


@dataclass(frozen=True)
class Tail:
    """One architecture at one share of its knee, open loop beside closed loop."""

    label: str
    share: float
    phase: PhaseFigures
    closed_p99_ms: float | None
    closed_rps: float | None  # the throughput the closed loop's p99 is read at (at most its capacity)

    @property
    def ratio(self) -> float | None:
        open_p99 = self.phase.open_ms.p99
        return open_p99 / self.closed_p99_ms if open_p99 and self.closed_p99_ms else None


def closed_p99_at(run: RunRecord, rps: float) -> tuple[float | None, float | None]:
    """The closed loop's p99 at `rps`: linear between its steps as users rose to the knee; past the knee, the
    knee's own p99 and throughput, since a closed loop cannot be made to send more than it serves; None below
    its first step, where it measured nothing."""
    steps = sorted(run.steps or [], key=lambda step: step.users)
    knee = capacity_step(steps)
    if knee is None:
        return None, None
    rising = steps[: steps.index(knee) + 1]
    points = [(s.throughput_rps, s.latency_ms.p99) for s in rising if s.latency_ms.p99 is not None]
    if not points or rps < points[0][0]:
        return None, None
    if rps >= points[-1][0]:
        return points[-1][1], points[-1][0]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 <= rps <= x1:
            return (y0 + (y1 - y0) * (rps - x0) / (x1 - x0) if x1 > x0 else y1), rps
    return None, None  # throughput that fell between rising steps: no honest reading


def tails(staircase: OpenLoopRecord, closed: RunRecord | None) -> list[Tail]:
    """The phases nearest 0.8x and 1.2x the knee, each with the closed loop's p99 at its offered rate."""
    found = []
    for share in SHARES:
        wanted = share * staircase.capacity_rps
        phase = min(staircase.phases, key=lambda p: abs(p.offered_rps - wanted), default=None)
        if phase is None or abs(phase.offered_rps - wanted) > NEAR * wanted:
            continue  # this staircase (OPEN_SHARES) has no step there
        p99, rps = closed_p99_at(closed, phase.offered_rps) if closed else (None, None)
        found.append(Tail(staircase.label, share, phase, p99, rps))
    return found


def rows(found: list[Tail]) -> list[list[str | float | int | None]]:
    return [
        [
            t.label,
            f"{plain_number(t.share)}×",
            t.phase.offered_rps,
            t.phase.open_ms.p99,
            t.phase.served_ms.p99,
            t.closed_p99_ms,
            t.closed_rps,
            None if t.ratio is None else round(t.ratio, 1),
            t.phase.dropped,
            t.phase.late,
        ]
        for t in found
    ]


def _read(results_dir: Path, folder: str) -> dict[str, OpenLoopRecord]:
    found = {}
    for path in sorted(results_dir.glob(f"*/{folder}/{folder}.json")):
        try:
            record = read_record(path, OpenLoopRecord)
        except UnreadableRecord as error:
            print(f"skipped: {error}")
            continue
        found[record.label] = record
    return found


def load_open(results_dir: Path) -> tuple[dict[str, OpenLoopRecord], dict[str, OpenLoopRecord]]:
    """The staircases (results/<label>/open/open.json) and overload runs (results/<label>/overload/...)."""
    return _read(results_dir, "open"), _read(results_dir, "overload")


def closed_run(results_dir: Path, staircase: OpenLoopRecord) -> RunRecord | None:
    """The saturation run the staircase took its knee from."""
    try:
        return read_run(results_dir / staircase.capacity_from)
    except UnreadableRecord:
        try:
            return read_run(results_dir / staircase.label / SATURATION / "run.json")
        except UnreadableRecord:
            return None


def _cell(value: str | float | int | None) -> str:
    return "-" if value is None else (f"{value:,.1f}" if isinstance(value, float) else str(value))


def main(argv: list[str] | None = None) -> None:
    """Print the tail comparison and the overload verdicts of the runs under a results folder."""
    parser = argparse.ArgumentParser(prog="python -m lab.report.open_comparison", description=main.__doc__)
    parser.add_argument("results", type=Path, nargs="?", default=Path("results"))
    results_dir = parser.parse_args(argv).results
    staircases, overloads = load_open(results_dir)
    found = [t for s in staircases.values() for t in tails(s, closed_run(results_dir, s))]
    print(
        markdown.table(HEADERS, [[_cell(v) for v in row] for row in rows(found)])
        if found
        else "no open-loop staircase (make bench-open ARCH=<arch>)"
    )
    for label, run in overloads.items():
        print(f"\n**{label}** (capacity {run.capacity_rps:.1f} req/s, ADMISSION_QUEUE={run.admission_queue})\n")
        verdicts = [[v.name, v.target, v.measured, "met" if v.passed else "NOT MET"] for v in run.verdicts]
        print(markdown.table(["target", "asks", "measured", ""], verdicts))
        if run.data_check:
            print(f"\ndata check: {'passed' if run.data_check.passed else 'FAILED'}")


if __name__ == "__main__":
    main()
