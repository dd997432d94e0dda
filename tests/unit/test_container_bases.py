"""On a machine with no images and no var/, the base images are built before anything mounts what is not there.

A fake engine stands in for podman: it answers as a fresh machine would (no images, no registry) and refuses,
as podman does, a build that mounts a folder that does not exist.
"""

import subprocess
from pathlib import Path

import pytest

from lab.containers import images, standins


class FreshMachineEngine:
    """podman on a machine that has kept nothing and reaches no registry."""

    name = "podman"

    def __init__(self):
        self.images: dict[str, dict] = {}
        self.builds: list[list[str]] = []

    def image_exists(self, image: str) -> bool:
        return image in self.images

    def image_bytes(self, image: str) -> int:
        return 200_000_000

    def run(self, *arguments: str, timeout: float = 900, check: bool = True) -> subprocess.CompletedProcess:
        if arguments[0] == "pull":
            return subprocess.CompletedProcess(arguments, 125, "", "no registry answers")
        if arguments[:2] == ("image", "inspect"):
            labels = self.images[arguments[-1]]
            return subprocess.CompletedProcess(arguments, 0, str(labels), "")
        if arguments[0] == "build":
            mounted = [arguments[i + 1].split(":")[0] for i, argument in enumerate(arguments) if argument == "-v"]
            for source in mounted:
                if not Path(source).is_dir():
                    raise RuntimeError(f"podman build...: Error: stat {source}: no such file or directory")
            self.builds.append(list(arguments))
            tag = arguments[arguments.index("-t") + 1]
            self.images[tag] = {standins.STAND_IN_LABEL: "true"} if "--label" in arguments else {}
            return subprocess.CompletedProcess(arguments, 0, "", "")
        raise AssertionError(f"unexpected engine call: {arguments}")


@pytest.fixture
def fresh_machine(tmp_path, monkeypatch):
    engine = FreshMachineEngine()
    wheelhouse = tmp_path / "var" / "wheelhouse"
    downloads = []

    def python_stand_in(engine, say):
        engine.images[standins.official(standins.PYTHON_IMAGE)] = {standins.STAND_IN_LABEL: "true"}

    def download(command, **_):
        downloads.append(command)
        wheelhouse.mkdir(parents=True)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(images, "WHEELHOUSE", wheelhouse)
    monkeypatch.setattr(standins, "_python_stand_in", python_stand_in)
    monkeypatch.setattr(images.subprocess, "run", download)
    images.prepare_wheelhouse.cache_clear()
    yield engine, downloads
    images.prepare_wheelhouse.cache_clear()


def test_the_postgres_stand_in_is_built_after_the_wheelhouse_it_mounts_is_downloaded(fresh_machine):
    engine, downloads = fresh_machine

    stand_in = standins.ensure_bases(engine, say=lambda _: None)

    assert stand_in
    assert len(downloads) == 1 and "download" in downloads[0]
    postgres = standins.official(standins.POSTGRES_IMAGE)
    assert engine.image_exists(postgres)
    assert any("-v" in build and postgres in build for build in engine.builds)


def test_building_every_image_after_the_bases_downloads_the_wheelhouse_once(fresh_machine):
    engine, downloads = fresh_machine

    stand_in = standins.ensure_bases(engine, say=lambda _: None)
    for architecture in ("monolith", "soa"):
        images.build_images(engine, [architecture], stand_in, load_generator=False, say=lambda _: None)

    assert len(downloads) == 1
    assert all(f"{images.WHEELHOUSE}:/wheels:ro" in build for build in engine.builds)


def test_without_a_stand_in_nothing_is_mounted_or_downloaded(fresh_machine):
    engine, downloads = fresh_machine
    engine.images[standins.official(standins.PYTHON_IMAGE)] = {}

    assert not standins.ensure_bases(engine, say=lambda _: None)
    images.build_images(engine, ["monolith"], wheelhouse=False, load_generator=False, say=lambda _: None)

    assert downloads == []
    assert not any("-v" in build for build in engine.builds)
