"""Versions live in constraints.txt alone: every requirements file names packages, and each is pinned there."""

import os
import re
from pathlib import Path

import pytest

from lab.paths import ROOT

NOT_OURS = {".git", ".venv", "node_modules", "var", "results"}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9_,-]+\])?$")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==[A-Za-z0-9.!+]+$")


def requirements_files() -> list[Path]:
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in NOT_OURS]
        found += [Path(folder, name) for name in files if name.startswith("requirements") and name.endswith(".txt")]
    return sorted(found)


def lines(path: Path) -> list[str]:
    """Its lines without comments and blanks."""
    return [text for line in path.read_text().splitlines() if (text := line.split("#")[0].strip())]


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned() -> dict[str, str]:
    return {normalized(line.split("==")[0]): line.split("==")[1] for line in lines(ROOT / "constraints.txt")}


FILES = requirements_files()


def test_every_requirements_file_is_checked():
    relative = {path.relative_to(ROOT).as_posix() for path in FILES}
    assert {"requirements.txt", "requirements-dev.txt", "loadtests/requirements.txt"} <= relative
    assert {f"microservices/{s}/requirements.txt" for s in ("accounts", "gateway", "frontend")} <= relative


def test_constraints_pin_each_package_once_with_an_exact_version():
    entries = lines(ROOT / "constraints.txt")
    assert [line for line in entries if not PIN.match(line)] == []
    names = [normalized(line.split("==")[0]) for line in entries]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("path", FILES, ids=[path.relative_to(ROOT).as_posix() for path in FILES])
def test_a_requirements_file_names_packages_that_constraints_pin(path):
    versions, name = pinned(), path.relative_to(ROOT)
    for line in lines(path):
        if line.startswith("-r "):
            assert (path.parent / line.removeprefix("-r ").strip()).is_file(), f"{name}: {line}"
            continue
        assert NAME.match(line), f"{name}: {line!r} should be a name alone: versions go in constraints.txt"
        assert normalized(line.split("[")[0]) in versions, f"{name}: {line} is not pinned in constraints.txt"
