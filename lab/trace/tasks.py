"""`make trace-<arch>` and `make trace-all` as campaign tasks: each architecture traced on a fresh start."""

from lab.bench.campaign import Task
from lab.trace.run import VISITS, trace_architecture
from topology import registry

ESTIMATE_S = 40 + 1.5 * VISITS  # starting, the visits (a second or two each here), stopping


def _trace(architecture: str, db: str | None) -> bool:
    trace_architecture(architecture, db)
    return False  # a wrong answer or lost spans raise, and the campaign reports them


def trace_tasks(architectures: list[tuple[str, str | None]] | None = None) -> list[Task]:
    """One task per (architecture, database), every architecture on its own database by default."""
    chosen = architectures or [(architecture, None) for architecture in registry.names()]
    return [Task(f"{a} traced", ESTIMATE_S, lambda a=a, db=db: _trace(a, db)) for a, db in chosen]
