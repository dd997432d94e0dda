"""The container engine the lab drives: Docker where its daemon answers, else podman; CONTAINER_ENGINE to choose."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from lab.paths import ROOT
from lab.settings import LabSettings, read


class EngineMissing(RuntimeError):
    """No container engine can be used here."""


class Engine:
    """One engine's command line: images, containers, health, and its compose."""

    def __init__(self, name: str):
        self.name = name

    def run(self, *arguments: str, timeout: float = 900, check: bool = True) -> subprocess.CompletedProcess:
        """The engine's command with these arguments; a RuntimeError with its output when it fails."""
        done = subprocess.run([self.name, *arguments], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        if check and done.returncode != 0:
            said = (done.stderr or done.stdout).strip()[-800:]
            raise RuntimeError(f"{self.name} {' '.join(arguments[:3])}...: {said}")
        return done

    def compose(self, file: Path, *arguments: str, timeout: float = 900) -> subprocess.CompletedProcess:
        """`docker compose` or podman-compose (from PyPI, pinned) on one compose file."""
        podman_compose = str(Path(sys.executable).parent / "podman-compose")
        command = ["docker", "compose"] if self.name == "docker" else [podman_compose]
        done = subprocess.run(
            [*command, "-f", str(file), *arguments], cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(f"compose {' '.join(arguments)}: {(done.stderr or done.stdout).strip()[-800:]}")
        return done

    def image_exists(self, image: str) -> bool:
        return self.run("image", "inspect", image, check=False).returncode == 0

    def image_bytes(self, image: str) -> int:
        return int(json.loads(self.run("image", "inspect", image).stdout)[0]["Size"])

    def containers(self, project: str, service: str) -> list[str]:
        """The ids of a compose service's containers, running or not."""
        found = self.run(
            "ps",
            "-a",
            "-q",
            "--filter",
            f"label=com.docker.compose.project={project}",
            "--filter",
            f"label=com.docker.compose.service={service}",
        ).stdout
        return found.split()

    def healthy(self, container: str) -> bool:
        """Whether the container's own health check passes now (podman runs it on demand: no systemd here)."""
        if self.name == "podman":
            return self.run("healthcheck", "run", container, check=False).returncode == 0
        state = json.loads(self.run("inspect", container).stdout)[0]["State"]
        return state.get("Health", {}).get("Status") == "healthy"

    def exit_code(self, container: str) -> int | None:
        """A container's exit code once it has stopped, else None."""
        state = json.loads(self.run("inspect", container).stdout)[0]["State"]
        return None if state.get("Running") or state.get("Status") in ("created", "running") else state["ExitCode"]


def _docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=60).returncode == 0


def detect(settings: LabSettings | None = None) -> Engine:
    """CONTAINER_ENGINE if set, else Docker when its daemon answers, else podman."""
    chosen = (settings or read()).container_engine
    if chosen:
        if shutil.which(chosen) is None:
            raise EngineMissing(f"CONTAINER_ENGINE={chosen}, but {chosen} is not installed")
        return Engine(chosen)
    if _docker_answers():
        return Engine("docker")
    if shutil.which("podman"):
        return Engine("podman")
    raise EngineMissing("no container engine: install Docker, or podman (apt-get install podman runc)")
