"""Scaling up against scaling out: one component with 1, 2, 4 workers in one instance, or 1, 2, 4 instances."""

from pathlib import Path

from lab.bench.measure import run_profile
from lab.paths import RESULTS
from loadtests.profiles import SCALING, Profile
from topology import registry

# (mode, n): n workers in one instance when scaling up, n one-worker instances when scaling out.
CONFIGURATIONS = (("up", 1), ("up", 2), ("up", 4), ("out", 2), ("out", 4))


def instances_and_workers(mode: str, n: int) -> tuple[int, int]:
    """(instances, workers per instance) of a configuration."""
    if mode not in ("up", "out") or n < 1:
        raise ValueError(f"unknown scaling configuration {mode}-{n}")
    return (1, n) if mode == "up" else (n, 1)


def scaling_folder(results: Path, label: str, mode: str, n: int) -> Path:
    """results/<label>/scaling/<mode>-<n>."""
    return results / label / "scaling" / f"{mode}-{n}"


def run_configuration(
    architecture: str, db: str | None, mode: str, n: int, results: Path = RESULTS, profile: Profile = SCALING
) -> Path:
    """One configuration of the architecture's scalable component (its declaration's) under the fixed load; its
    results folder."""
    component = registry.declared(architecture).scalable
    instances, workers = instances_and_workers(mode, n)
    print(f"[{architecture} scaling] {component}: {instances} instance(s) x {workers} worker(s)", flush=True)
    described = {"component": component, "mode": mode, "n": n, "instances": instances, "workers": workers}
    return run_profile(
        architecture,
        db,
        profile,
        results,
        folder=lambda label: scaling_folder(results, label, mode, n),
        scale={component: (instances, workers)},
        extra={"scaling": described},
    )
