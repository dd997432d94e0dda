"""`make bench-replicas ARCH=<arch>`: one architecture without replicas, then with one in each read mode, side by side.

Every setup runs the bench profiles in turn on a fresh start, so the report can set the modes side by side
at users-1000 and in the saturation steps, and calibrate the model on each.
"""

from lab.bench.campaign import Task
from lab.bench.measure import run_failed, run_repeat
from lab.launch.architectures import check_choice
from lab.paths import RESULTS
from loadtests.profiles import BENCH_PROFILES, STARTUP_ALLOWANCE_S, get_profile

SETUPS = (
    {"PG_REPLICAS": "0", "READS": "primary"},
    {"PG_REPLICAS": "1", "READS": "replica"},
    {"PG_REPLICAS": "1", "READS": "bounded"},
)


def _run(architecture: str, db: str | None, settings: dict[str, str], profile: str, results) -> bool:
    return run_failed(run_repeat(architecture, db, get_profile(profile), 1, results, settings))


def replica_tasks(architecture: str, db: str | None = None, results=RESULTS) -> list[Task]:
    """Each setup's bench profiles, the setup without replicas first."""
    if check_choice(architecture, db) != "postgres":
        raise ValueError(f"replicas need PostgreSQL: make bench-replicas ARCH={architecture} DB=postgres")
    return [
        Task(
            f"{architecture}, {s['PG_REPLICAS']} replica(s), READS={s['READS']}: {profile}",
            get_profile(profile).run_time_s + STARTUP_ALLOWANCE_S,
            lambda s=s, profile=profile: _run(architecture, db, s, profile, results),
        )
        for s in SETUPS
        for profile in BENCH_PROFILES
    ]
