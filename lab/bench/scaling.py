"""Scaling up against scaling out: one component with 1, 2, 4 workers in one instance, or 1, 2, 4 instances."""

from pathlib import Path

from lab.bench.measure import run_profile
from lab.paths import RESULTS
from lab.settings import LabSettings, at_start
from loadtests.profiles import SCALING, Profile, get_profile
from topology import registry

# (mode, n): n workers in one instance when scaling up, n one-worker instances when scaling out.
CONFIGURATIONS = (("up", 1), ("up", 2), ("up", 4), ("out", 2), ("out", 4))


def scaling_load(settings: LabSettings) -> Profile:
    """The fixed load of every configuration: 1,500 shoppers, or the bench profile SCALING_PROFILE names (smoke,
    for a rehearsal whose numbers mean nothing); ValueError listing the profiles for an unknown name."""
    return SCALING if settings.scaling_profile is None else get_profile(settings.scaling_profile)


def chosen_configurations(names: str) -> list[tuple[str, int]]:
    """The configurations SCALING_CONFIGURATIONS names ("up-1,out-2"), in the bench's order; a name it does not
    know is refused, naming those there are."""
    known = {f"{mode}-{n}": (mode, n) for mode, n in CONFIGURATIONS}
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in known]
    if unknown or not wanted:
        raise RuntimeError(f"SCALING_CONFIGURATIONS must name configurations among {', '.join(known)}, not {names!r}")
    return [configuration for name, configuration in known.items() if name in wanted]


def instances_and_workers(mode: str, n: int) -> tuple[int, int]:
    """(instances, workers per instance) of a configuration."""
    if mode not in ("up", "out") or n < 1:
        raise ValueError(f"unknown scaling configuration {mode}-{n}")
    return (1, n) if mode == "up" else (n, 1)


def scaling_folder(results: Path, label: str, mode: str, n: int) -> Path:
    """results/<label>/scaling/<mode>-<n>."""
    return results / label / "scaling" / f"{mode}-{n}"


def run_configuration(
    architecture: str, db: str | None, mode: str, n: int, results: Path = RESULTS, profile: Profile | None = None
) -> Path:
    """One configuration of the architecture's scalable component (its declaration's) under the fixed load (by
    default scaling_load's); its results folder."""
    component = registry.declared(architecture).scalable
    instances, workers = instances_and_workers(mode, n)
    print(f"[{architecture} scaling] {component}: {instances} instance(s) x {workers} worker(s)", flush=True)
    described = {"component": component, "mode": mode, "n": n, "instances": instances, "workers": workers}
    return run_profile(
        architecture,
        db,
        profile or scaling_load(at_start()),
        results,
        folder=lambda label: scaling_folder(results, label, mode, n),
        scale={component: (instances, workers)},
        extra={"scaling": described},
    )
