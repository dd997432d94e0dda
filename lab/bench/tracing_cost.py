"""`make bench-tracing`: what tracing costs. Every architecture at users-1000 with TRACE=0 and then TRACE=1,
pair after pair in one run, into results/tracing-cost (apart from the bench's own runs)."""

from lab.bench.campaign import Task
from lab.bench.measure import run_failed, run_repeat
from lab.paths import RESULTS
from loadtests.profiles import STARTUP_ALLOWANCE_S, get_profile
from topology import registry

PROFILE = "users-1000"
COST = RESULTS / "tracing-cost"


def _run(architecture: str, trace: str) -> bool:
    return run_failed(run_repeat(architecture, None, get_profile(PROFILE), 1, COST, {"TRACE": trace}))


def tracing_cost_tasks() -> list[Task]:
    """Each architecture untraced, then traced, so that each pair runs minutes apart on the same machine."""
    estimate = get_profile(PROFILE).run_time_s + STARTUP_ALLOWANCE_S
    return [
        Task(f"{architecture} {PROFILE}, TRACE={trace}", estimate, lambda a=architecture, t=trace: _run(a, t))
        for architecture in registry.names()
        for trace in ("0", "1")
    ]
