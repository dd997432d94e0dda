"""The commit hooks: the subject's length is refused from 72 characters, and pre-commit runs what make lint runs."""

import re
import subprocess
import sys

import pytest
import yaml

from lab.paths import ROOT

SCRIPT = ROOT / ".ci" / "commit_subject.py"
BODY = "\n\n" + "a body line may be as long as it likes " * 5


def hook(message: str, tmp_path) -> subprocess.CompletedProcess:
    path = tmp_path / "COMMIT_EDITMSG"
    path.write_text(message, encoding="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("message", ["x" * 71, "x" * 71 + BODY, "é" * 71, "\n# git's comment\n" + "x" * 71])
def test_a_subject_under_72_characters_passes(message, tmp_path):
    done = hook(message, tmp_path)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(
    ("message", "length"), [("x" * 72, 72), ("x" * 169 + BODY, 169), ("# git's comment\n\n" + "x" * 80, 80)]
)
def test_a_subject_of_72_characters_or_more_is_refused_with_its_length(message, length, tmp_path):
    done = hook(message, tmp_path)
    assert done.returncode == 1
    assert f"has {length} characters" in done.stdout


def test_pre_commit_runs_what_make_lint_runs():
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)[1]
    lint = [line.strip().replace("$(BIN)/", ".venv/bin/") for line in recipe.splitlines()]
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    before_commit = [h["entry"] for h in hooks if h.get("stages", ["pre-commit"]) == ["pre-commit"]]
    assert before_commit == lint
    assert all(h["language"] == "system" and h["pass_filenames"] is False for h in hooks if h["entry"] in lint)
