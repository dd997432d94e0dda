"""A compose file, run for real: started in the order its depends_on says, checked, removed.

Docker Compose honours depends_on itself. podman-compose cannot on Debian's podman 4.3: it skips health
conditions, and chained `--requires` fail to start. So each wave of services is started with --no-deps,
and the lab waits for what depends_on asks (a healthy database, a preparation that exited 0) before the
next wave: the same file, the same order, whatever the engine.
"""

import time
from pathlib import Path

import yaml

from lab.containers.engine import Engine
from lab.deploy.files import DEPLOY

GENEROUS_S = 300  # a deadline for a slow machine, not a measure of speed


def compose_file(architecture: str) -> Path:
    return DEPLOY / architecture / "compose.yaml"


def waves(services: dict[str, dict]) -> list[list[str]]:
    """Services in start order: each wave depends only on earlier ones."""
    started, order = set(), []
    while len(started) < len(services):
        wave = [
            name
            for name, spec in services.items()
            if name not in started and set(spec.get("depends_on") or {}) <= started
        ]
        if not wave:
            raise ValueError(f"depends_on has a cycle among {sorted(set(services) - started)}")
        order.append(wave)
        started |= set(wave)
    return order


def _logs(engine: Engine, container: str) -> str:
    return engine.run("logs", "--tail", "30", container, check=False).stdout[-2000:]


def _wait(engine: Engine, project: str, service: str, one_off: bool) -> None:
    deadline = time.monotonic() + GENEROUS_S
    while True:
        (container, *_) = engine.containers(project, service) or [None]
        if container is not None:
            code = engine.exit_code(container)
            if one_off and code is not None:
                if code != 0:
                    raise RuntimeError(f"{service} exited with {code}:\n{_logs(engine, container)}")
                return
            if code is not None:
                raise RuntimeError(f"{service} stopped ({code}):\n{_logs(engine, container)}")
            if not one_off and engine.healthy(container):
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{service} not ready within {GENEROUS_S} s")
        time.sleep(1)


def start(engine: Engine, file: Path, say=print) -> float:
    """Every service of a compose file up and healthy, preparations done; the seconds it took."""
    spec = yaml.safe_load(file.read_text())
    began = time.monotonic()
    for wave in waves(spec["services"]):
        engine.compose(file, "up", "-d", "--no-deps", *wave)
        for service in wave:
            _wait(engine, spec["name"], service, spec["services"][service].get("restart") == "no")
        say(f"{spec['name']}: {', '.join(wave)} ready")
    return time.monotonic() - began


def stop(engine: Engine, file: Path) -> None:
    """Its containers, volumes and network removed."""
    engine.compose(file, "down", "-v")
