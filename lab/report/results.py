"""Whatever results exist, read once and grouped: runs per architecture and profile, repetitions, the floor, scaling."""

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from lab.i18n import _
from lab.model.calibration import GENERATOR, component_of
from lab.records import RunRecord, UnreadableRecord, read_record, read_run
from lab.records.files import Record
from lab.report.style import LABEL_ORDER
from loadtests.profiles import BENCH_PROFILES, FORMER_NAMES


@dataclass
class Results:
    """Runs by label and profile (each a list of repetitions), the floor run, and scaling runs by label."""

    folder: Path
    runs: dict[str, dict[str, list[RunRecord]]] = field(default_factory=dict)
    floor: RunRecord | None = None
    scaling: dict[str, list[RunRecord]] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        """Labels with results, in the course's order."""
        rank = {label: index for index, label in enumerate(LABEL_ORDER)}
        return sorted(self.runs, key=lambda label: (rank.get(label, len(rank)), label))

    def run(self, label: str, profile: str) -> RunRecord | None:
        """The representative run of a profile: the repetition with the median throughput."""
        repeats = self.runs.get(label, {}).get(profile, [])
        if not repeats:
            return None
        ranked = sorted(repeats, key=lambda run: run.totals.throughput_rps)
        return ranked[(len(ranked) - 1) // 2]

    def repeats(self, label: str, profile: str) -> list[RunRecord]:
        """Every repetition of a profile."""
        return self.runs.get(label, {}).get(profile, [])

    def pairs(self, label: str, first: str, second: str) -> list[tuple[RunRecord, RunRecord]]:
        """Each repetition of `second` beside the same repetition of `first`, or first's representative run."""
        representative = self.run(label, first)
        if not representative:
            return []
        firsts = {run.repeat: run for run in self.repeats(label, first)}
        return [(firsts.get(run.repeat, representative), run) for run in self.repeats(label, second)]

    def newest(self) -> RunRecord | None:
        """The most recent run of all, for the environment section."""
        every = [run for profiles in self.runs.values() for repeats in profiles.values() for run in repeats]
        return max(every, key=lambda run: run.date, default=None)


def load(folder: Path) -> Results:
    """Read every run.json under folder (skipping ones that cannot be read)."""
    found = Results(folder)
    for path in sorted(folder.glob("*/*/run.json")):
        run = _read(path)
        if not run:
            continue
        if run.label == "floor":
            found.floor = run
            continue
        name = run.profile.name = FORMER_NAMES.get(run.profile.name, run.profile.name)
        if name in BENCH_PROFILES:
            found.runs.setdefault(run.label, {}).setdefault(name, []).append(run)
    for path in sorted(folder.glob("*/scaling/*/run.json")):
        run = _read(path)
        if run and run.scaling:
            found.scaling.setdefault(run.label, []).append(run)
    return found


def records_with_timelines(folder: Path, model: type[Record]) -> list[tuple[Record, dict]]:
    """Every experiment's record under folder/<architecture>/<run>/run.json, beside its timeline.json."""
    found = []
    for path in sorted(folder.glob("*/*/run.json")):
        try:
            found.append((read_record(path, model), json.loads((path.parent / "timeline.json").read_text())))
        except UnreadableRecord as unreadable:
            print(_("skipping {record}").format(record=unreadable))
        except (OSError, ValueError):
            print(_("skipping {folder}: its timeline.json cannot be read").format(folder=path.parent))
    return found


def _read(path: Path) -> RunRecord | None:
    try:
        return read_run(path)
    except UnreadableRecord as unreadable:
        print(_("skipping {record}").format(record=unreadable))
        return None


def spread(values: list[float | None]) -> list[float] | None:
    """[min, max] of repeated measurements, or None for a single one."""
    present = [v for v in values if v is not None]
    return [min(present), max(present)] if len(present) > 1 else None


def median(values: list[float | None]) -> float | None:
    """The median of the values that exist."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def server_cpu_ms(run: RunRecord) -> dict[str, float]:
    """CPU milliseconds per edge request by component (replicas summed), the load generator left out."""
    by_component: dict[str, float] = {}
    for process, ms in run.cpu_ms_per_request.items():
        if process != GENERATOR and ms is not None:
            by_component[component_of(process)] = by_component.get(component_of(process), 0.0) + ms
    return by_component


def floor_ms(results: Results) -> float | None:
    """What the bare gunicorn + Flask endpoint costs per request, server side."""
    if not results.floor:
        return None
    return sum(server_cpu_ms(results.floor).values()) or None
