"""`make test-containers`: build every image, run each architecture's compose file, check its edge, tabulate.

For each architecture: start its compose file, wait for every health check, run the contract suite, a
checkout and concurrent orders against the edge it publishes on 127.0.0.1:8000 (tests/containers), then
remove its containers, volumes and network. Then one cluster configuration the same way, every machine a
container with its CPU limit and HAProxy before the copies (tests/containers/test_cluster.py checks both). A
table of image sizes and build and start times follows.
"""

import subprocess
import sys
import time
from pathlib import Path

from lab import markdown
from lab.cluster.plan import configuration_named
from lab.containers import compose_run, images, standins
from lab.containers.engine import Engine, detect
from lab.deploy import cluster_plan
from lab.deploy.files import cluster_generated, write_all
from lab.launch.ports import listener_of, port_is_free
from lab.paths import ROOT
from lab.settings import ClusterSettings, inherited_environment
from topology import registry

EDGE = "http://127.0.0.1:8000"
# What an image may add to its Python base: the pinned dependencies and the code. A bigger one carries
# something it should not (a pip cache, build tools, another service's code).
MAX_ADDED_MB = 100
# One scaled configuration, small enough for two cores: two copies of each tier behind HAProxy, a quarter core each.
CLUSTER = ("three_tier", "out-2")
CLUSTER_CPUS = {"machine_cpus": 0.25, "database_cpus": 0.3, "balancer_cpus": 0.15, "machine_sizes": ""}


def _say(text: str) -> None:
    print(f"[containers] {text}", flush=True)


def _check(architecture: str, also: dict[str, str] | None = None) -> bool:
    """The contract suite and the containers' own tests against the edge the compose file publishes."""
    env = {**inherited_environment(), "EDGE_URL": EDGE, "PYTHONPATH": str(ROOT), **(also or {})}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/contract", "tests/containers"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    _say(f"{architecture}: {done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:]}")
    if done.returncode != 0:
        print(done.stdout[-6000:], flush=True)
    return done.returncode == 0


def table(rows: list[dict]) -> str:
    """Markdown: one row per architecture."""
    headers = ["architecture", "images", "image sizes (MB)", "build s", "start s", "checks"]
    return markdown.table(headers, [_row(row) for row in rows])


def _row(row: dict) -> list[str]:
    sizes = ", ".join(str(image["mb"]) for image in row["images"])
    build_s = sum(image["build_s"] for image in row["images"])
    start_s, checks = row.get("start_s", 0), row.get("checks", "not run")
    return [row["architecture"], str(len(row["images"])), sizes, f"{build_s:.0f}", f"{start_s:.0f}", str(checks)]


def cluster_file() -> Path:
    """The cluster configuration make test-containers runs, written out (deploy/three_tier/cluster-out-2/)."""
    sizes = ClusterSettings(**CLUSTER_CPUS)
    plan = cluster_plan.planned(CLUSTER[0], configuration_named(CLUSTER[1]), sizes)
    written = write_all(cluster_generated(plan, "make test-containers"))
    return next(path for path in written if path.name == "compose.yaml")


def _run(engine: Engine, row: dict, file: Path, also: dict[str, str] | None = None) -> bool:
    """Start a compose file, check its edge, remove it: whether all passed (the row gets start_s and checks)."""
    try:
        row["start_s"] = compose_run.start(engine, file, _say)
        passed = _check(row["architecture"], also)
        row["checks"] = "passed" if passed else "FAILED"
    except RuntimeError as error:
        row["checks"], passed = f"FAILED: {error}"[:200], False
        _say(f"{row['architecture']}: {error}")
    finally:
        compose_run.stop(engine, file)
    return passed


def prove(architectures: list[str] | None = None, cluster: bool = True) -> int:
    """Everything above (each architecture's, or these; the cluster's unless not asked); 1 if anything failed."""
    architectures = list(registry.names()) if architectures is None else architectures
    engine = detect()
    if not port_is_free(8000):
        raise RuntimeError(f"port 8000 is in use{' by ' + (listener_of(8000) or '')}: the compose files publish it")
    began = time.monotonic()
    stand_in = standins.ensure_bases(engine, _say)
    _say(f"engine {engine.name}; base image {'a stand-in built here' if stand_in else 'the official one'}")
    rows, failed = [], False
    for architecture in architectures:
        row = {"architecture": architecture, "images": []}
        rows.append(row)
        row["images"] = images.build_images(engine, [architecture], stand_in, load_generator=False, say=_say)
        failed = not _run(engine, row, compose_run.compose_file(architecture)) or failed
    if cluster:
        row = {"architecture": f"{' '.join(CLUSTER)} (cluster)", "images": []}
        rows.append(row)
        row["images"] = images.build_images(engine, [CLUSTER[0]], stand_in, load_generator=False, say=_say)
        file = cluster_file()
        failed = not _run(engine, row, file, {"CLUSTER_COMPOSE": str(file)}) or failed
    loadgen = images.build_images(engine, [], stand_in, load_generator=True, say=_say)
    base_mb = round(engine.image_bytes(standins.official(standins.PYTHON_IMAGE)) / 1e6)
    for image in [*loadgen, *(i for row in rows for i in row["images"])]:
        if image["mb"] > base_mb + MAX_ADDED_MB:
            _say(f"{image['image']} is {image['mb']} MB: more than {MAX_ADDED_MB} MB over its {base_mb} MB base")
            failed = True
    print(table(rows), flush=True)
    _say(
        f"base image {base_mb} MB, load generator image {loadgen[0]['mb']} MB; "
        f"{(time.monotonic() - began) / 60:.1f} min in all"
    )
    return 1 if failed else 0
