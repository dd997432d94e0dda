"""`make test-containers`: build every image, run each architecture's compose file, check its edge, tabulate.

For each architecture: start its compose file, wait for every health check, run the contract suite, a
checkout and concurrent orders against the edge it publishes on 127.0.0.1:8000 (tests/containers), then
remove its containers, volumes and network. A table of image sizes and build and start times follows.
"""

import subprocess
import sys
import time

from lab.containers import compose_run, images, standins
from lab.containers.engine import detect
from lab.launch.ports import listener_of, port_is_free
from lab.paths import ROOT
from lab.settings import inherited_environment
from topology import registry

EDGE = "http://127.0.0.1:8000"
# What an image may add to its Python base: the pinned dependencies and the code. A bigger one carries
# something it should not (a pip cache, build tools, another service's code).
MAX_ADDED_MB = 100


def _say(text: str) -> None:
    print(f"[containers] {text}", flush=True)


def _check(architecture: str) -> bool:
    """The contract suite and the containers' own tests against the edge the compose file publishes."""
    env = {**inherited_environment(), "EDGE_URL": EDGE, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/contract", "tests/containers"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    _say(f"{architecture}: {done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:]}")
    if done.returncode != 0:
        print(done.stdout[-6000:], flush=True)
    return done.returncode == 0


def table(rows: list[dict]) -> str:
    """Markdown: one row per architecture."""
    lines = ["| architecture | images | image sizes (MB) | build s | start s | checks |", "|---|---|---|---|---|---|"]
    for row in rows:
        sizes = ", ".join(str(image["mb"]) for image in row["images"])
        build_s = sum(image["build_s"] for image in row["images"])
        lines.append(
            f"| {row['architecture']} | {len(row['images'])} | {sizes} | {build_s:.0f} | "
            f"{row.get('start_s', 0):.0f} | {row.get('checks', 'not run')} |"
        )
    return "\n".join(lines)


def prove(architectures: list[str] | None = None) -> int:
    """Everything above; 1 if any image, start or check failed."""
    architectures = architectures or list(registry.names())
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
        try:
            row["start_s"] = compose_run.start(engine, architecture, _say)
            passed = _check(architecture)
            row["checks"], failed = ("passed" if passed else "FAILED"), failed or not passed
        except RuntimeError as error:
            row["checks"], failed = f"FAILED: {error}"[:200], True
            _say(f"{architecture}: {error}")
        finally:
            compose_run.stop(engine, architecture)
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
