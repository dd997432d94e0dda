"""`make chaos-<arch>` and `make chaos-all`: one fault per run, every part in turn, then the report."""

from pathlib import Path

from lab.bench.campaign import Task
from lab.chaos.experiment import CHAOS_RESULTS, DEFAULT_TIMING, Timing, run_fault
from lab.chaos.parts import DATABASE
from lab.launch.architectures import check_choice, describe
from lab.launch.network import PlannedNetwork
from lab.records import FaultRecord, read_record
from loadtests.profiles import STARTUP_ALLOWANCE_S
from topology import registry

PLACEHOLDER_URL = {"sqlite": "sqlite:///unused", "postgres": "postgresql+psycopg://lab@127.0.0.1:1/bookstore"}


def planned_parts(architecture: str, db: str | None) -> list[str]:
    """The parts a fresh start of the architecture will have, in the order its description lists them."""
    db = check_choice(architecture, db)
    description = describe(architecture, PlannedNetwork(), PLACEHOLDER_URL[db], db)
    servers = [name for component in description.components for name in component.instance_names()]
    return servers + ([DATABASE] if db == "postgres" else [])


def _failed(out: Path) -> bool:
    return not read_record(out / "run.json", FaultRecord).data_check.passed


def chaos_tasks(
    targets: list[tuple[str, str | None]],
    part: str | None = None,
    results: Path = CHAOS_RESULTS,
    timing: Timing = DEFAULT_TIMING,
) -> list[Task]:
    """One task per part of each (architecture, database), or only `part`; a task fails when its data check fails."""
    tasks = []
    for architecture, db in targets:
        choices = planned_parts(architecture, db)
        if part is not None and part not in choices:
            raise ValueError(f"{architecture} has no component {part!r}; choose one of: {', '.join(choices)}")
        for name in [part] if part else choices:
            run = lambda a=architecture, d=db, n=name: _failed(run_fault(a, d, n, results, timing))  # noqa: E731
            tasks.append(Task(f"{architecture}: stop {name}", timing.run_s + STARTUP_ALLOWANCE_S, run))
    return tasks


def every_architecture() -> list[tuple[str, None]]:
    """Each architecture on its default database."""
    return [(architecture, None) for architecture in registry.names()]
