"""`make images [ARCH=<arch>]`: every image of an architecture, or of all, named as its compose file says."""

import functools
import subprocess
import sys
import time
from pathlib import Path

from lab.containers.engine import Engine
from lab.deploy.files import DEPLOY
from lab.deploy.spec import deployment
from lab.paths import ROOT, VAR
from topology import registry

WHEELHOUSE = VAR / "wheelhouse"
LOAD_GENERATOR = ("bookstore-loadgen:latest", DEPLOY / "loadgen" / "Dockerfile")


def images_of(architecture: str) -> dict[str, Path]:
    """image:tag -> its Dockerfile, for each component of an architecture."""
    containers = deployment(architecture).containers
    return {f"{c.image}:latest": DEPLOY / architecture / c.name / "Dockerfile" for c in containers}


@functools.cache
def prepare_wheelhouse() -> None:
    """Every pinned wheel the images install, downloaded once per command (pip skips what it already has).

    With a stand-in base, builds install from it (mounted at /wheels, which the stand-in's pip.conf names)
    instead of fetching the same packages through the proxy for each image.
    """
    files = [
        ROOT / "requirements-server.txt",
        ROOT / "loadtests" / "requirements.txt",
        *sorted(
            path
            for architecture in registry.ARCHITECTURES
            if architecture.images_per_component
            for path in (ROOT / architecture.name).glob("*/requirements.txt")
        ),
        ROOT / "lab" / "containers" / "standins" / "postgres" / "requirements.txt",
    ]
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--dest",
        str(WHEELHOUSE),
        "-c",
        str(ROOT / "constraints.txt"),
    ]
    subprocess.run([*command, *(a for f in files for a in ("-r", str(f)))], check=True, capture_output=True)


def build(engine: Engine, dockerfile: Path, tag: str, wheelhouse: bool = False, labels: dict | None = None) -> float:
    """Build one image from the repository root; the seconds it took."""
    arguments = ["build", "-f", str(dockerfile), "-t", tag]
    if engine.name == "podman":
        arguments += ["--format", "docker"]  # the Docker format keeps HEALTHCHECK
        if wheelhouse:
            prepare_wheelhouse()  # podman refuses to mount a folder that does not exist yet
            arguments += ["-v", f"{WHEELHOUSE}:/wheels:ro"]
    arguments += [a for key, value in (labels or {}).items() for a in ("--label", f"{key}={value}")]
    began = time.monotonic()
    engine.run(*arguments, str(ROOT), timeout=1800)
    return time.monotonic() - began


def build_images(
    engine: Engine, architectures: list[str], wheelhouse: bool, load_generator: bool, say=print
) -> list[dict]:
    """Build every image of these architectures (and the load generator's); one row per image."""
    wanted = {image: dockerfile for a in architectures for image, dockerfile in images_of(a).items()}
    if load_generator:
        wanted[LOAD_GENERATOR[0]] = LOAD_GENERATOR[1]
    rows = []
    for image, dockerfile in wanted.items():
        seconds = build(engine, dockerfile, image, wheelhouse)
        rows.append({"image": image, "build_s": round(seconds, 1), "mb": round(engine.image_bytes(image) / 1e6)})
        say(f"built {image} in {seconds:.0f} s, {rows[-1]['mb']} MB")
    return rows
