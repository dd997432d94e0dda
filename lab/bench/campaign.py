"""`make bench-all`, `make bench-knee`, `make demo`: every architecture in turn, overall progress, then the report."""

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lab.bench.measure import measure, run_failed, run_floor, run_repeat
from lab.bench.scaling import chosen_configurations, run_configuration, scaling_load
from lab.launch.launcher import Launch
from lab.launch.ports import free_port
from lab.load.measurement import wait_until_quiet
from lab.paths import RESULTS
from lab.settings import at_start
from loadtests.profiles import (
    BENCH_PROFILES,
    DEMO_FLOOR,
    DEMO_PROFILES,
    FLOOR,
    SATURATION,
    STARTUP_ALLOWANCE_S,
    get_profile,
)
from topology import registry

KNEE_PROFILES = ("users-100", SATURATION)  # the knee model's light calibration run, then the steps it predicts


@dataclass(frozen=True)
class Task:
    """One step of a campaign: what it is, roughly how long it takes, and how to run it (True on failure)."""

    title: str
    estimate_s: float
    run: Callable[[], bool]


def scaling_tasks(architecture: str, db: str | None = None, results: Path = RESULTS) -> list[Task]:
    """`make bench-scaling`: the architecture's scalable component up and out, one configuration a run."""
    load, tasks = scaling_load(at_start()), []
    for mode, n in chosen_configurations(at_start().scaling_configurations):
        run = lambda mode=mode, n=n: run_failed(run_configuration(architecture, db, mode, n, results, load))  # noqa: E731
        tasks.append(
            Task(
                f"{architecture} scaled {mode}: {registry.declared(architecture).scalable} x{n}",
                load.run_time_s + STARTUP_ALLOWANCE_S,
                run,
            )
        )
    return tasks


def _repeat_task(
    title: str, architecture: str, profile_name: str, n: int, results: Path, db: str | None = None
) -> Task:
    profile = get_profile(profile_name)
    run = lambda: run_failed(run_repeat(architecture, db, profile, n, results))  # noqa: E731
    return Task(title, profile.run_time_s + STARTUP_ALLOWANCE_S, run)


def _floor_task(results: Path) -> Task:
    return Task("framework floor", FLOOR.run_time_s + STARTUP_ALLOWANCE_S, lambda: run_failed(run_floor(results)))


def _profile_tasks(architecture: str, db: str | None, names: list[str], results: Path, repeat: int) -> list[Task]:
    label = architecture if db is None else f"{architecture} ({db})"
    return [
        _repeat_task(
            f"{label} {name}" + (f" (repeat {n}/{repeat})" if repeat > 1 else ""), architecture, name, n, results, db
        )
        for name in names
        for n in range(1, repeat + 1)
    ]


def bench_tasks(
    architecture: str, db: str | None, profile: str | None, results: Path = RESULTS, repeat: int = 1
) -> list[Task]:
    """`make bench-<arch>`: every bench profile (or the one named) `repeat` times, then the floor with every profile."""
    if profile:
        return _profile_tasks(architecture, db, [get_profile(profile).name], results, repeat)
    return [*_profile_tasks(architecture, db, list(BENCH_PROFILES), results, repeat), _floor_task(results)]


def bench_all_tasks(results: Path = RESULTS, repeat: int = 1) -> list[Task]:
    """The floor, then every architecture's profiles (`repeat` times each) and its scaling runs."""
    tasks = [_floor_task(results)]
    for architecture in registry.names():
        tasks += _profile_tasks(architecture, None, list(BENCH_PROFILES), results, repeat)
        tasks += scaling_tasks(architecture, None, results)
    return tasks


def knee_tasks(results: Path = RESULTS, rounds: int = 3) -> list[Task]:
    """Rounds of every architecture's users-100 then its saturation run, each round a repetition: the machine's
    drift falls on all four alike, and each saturation run has a light run from minutes before it."""
    return [
        _repeat_task(f"round {n}/{rounds}: {architecture} {name}", architecture, name, n, results)
        for n in range(1, rounds + 1)
        for architecture in registry.names()
        for name in KNEE_PROFILES
    ]


def _demo_architecture(architecture: str, results: Path) -> bool:
    # One start per architecture: three fresh starts would cost a third of the demo's time.
    failed = False
    with Launch(architecture, None, port=free_port()) as launch:
        for profile in DEMO_PROFILES.values():
            # The previous profile's queued requests would otherwise be measured as this one's.
            wait_until_quiet(launch.process_ids())
            out = measure(launch, profile, results / launch.architecture.label / profile.name, extra={"demo": True})
            failed |= run_failed(out)
    return failed


def demo_tasks(results: Path, architectures: tuple[str, ...] = ()) -> list[Task]:
    """A class-sized campaign: the floor and each architecture's three profiles at short durations.

    architectures: those to run, in that order (DEMO_ARCHITECTURES); none is every one. An unknown one is a
    ValueError naming the architectures there are, before anything starts.
    """
    chosen = [registry.declared(name).name for name in architectures] or list(registry.names())
    floor = Task("framework floor", DEMO_FLOOR.run_time_s + 10, lambda: run_failed(run_floor(results, DEMO_FLOOR)))
    estimate = sum(p.run_time_s for p in DEMO_PROFILES.values()) + 25
    return [floor] + [Task(a, estimate, lambda a=a: _demo_architecture(a, results)) for a in chosen]


def run_campaign(tasks: list[Task], results: Path, report: Callable[[Path], Path], then: str = "") -> int:
    """Run every task with overall progress, keep going past a failed one, then build the report and say what next.

    then: what to run after this campaign, besides opening its report.
    """
    started, failures = time.monotonic(), []
    for index, task in enumerate(tasks):
        elapsed = time.monotonic() - started
        left = sum(t.estimate_s for t in tasks[index:])
        print(
            f"\n=== run {index + 1} of {len(tasks)}: {task.title} | {elapsed / 60:.1f} min elapsed, "
            f"about {left / 60:.0f} min left ===",
            flush=True,
        )
        try:
            if task.run():
                failures.append(f"{task.title}: failed requests or a failed check")
        except Exception as error:  # one broken architecture must not cost the others' results
            traceback.print_exc()
            failures.append(f"{task.title}: {error}")
    page = None
    try:
        page = report(results)
        print(f"\nreport: {page} ({(time.monotonic() - started) / 60:.1f} min in all)", flush=True)
    except Exception as error:  # the runs are kept: make report can be rerun once the cause is fixed
        traceback.print_exc()
        failures.append(f"report: {error}")
    for failure in failures:
        print(f"FAILED {failure}", flush=True)
    steps = [f"open {page} in a browser" if page else "make report, once the error above is mended", then]
    print(f"next: {'; '.join(step for step in steps if step)}", flush=True)
    return 1 if failures else 0
