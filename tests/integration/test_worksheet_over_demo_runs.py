"""make worksheet and make check-worksheet over real make demo results (tests/fixtures/worksheet_demo, copied from
a demo campaign), through `python -m lab` as the Makefile runs it: no server started."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from lab.paths import ROOT

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "worksheet_demo"


def lab(results: Path, *args: str) -> subprocess.CompletedProcess:
    environment = os.environ | {"RESULTS_DIR": str(results), "LAB_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "lab", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def raw(label: str, profile: str) -> dict:
    return json.loads((DEMO / label / profile / "run.json").read_text())


def test_the_worksheet_over_demo_results_checks_answers_worked_out_from_the_files(tmp_path):
    results = tmp_path / "results"
    shutil.copytree(DEMO, results / "demo")  # only make demo has run: the worksheet reads results/demo/

    written = lab(results, "worksheet")

    assert written.returncode == 0, written.stderr
    page = (results / "worksheet.html").read_text()
    assert "results/demo/monolith/users-100" in page or "demo/monolith/users-100" in page
    assert "demo-length run" in page and "make cap-microservices MODE=AP" in page
    monolith = raw("monolith", "users-100")
    think = 100 / monolith["totals"]["throughput_rps"] - monolith["totals"]["latency_ms"]["mean"] / 1000
    means = {
        label: raw(label, "users-100")["totals"]["latency_ms"]["mean"]
        for label in ("monolith", "three_tier", "soa", "microservices")
    }
    knee = max(step["throughput_rps"] for step in raw("soa", "saturation")["steps"])
    answers = results / "answers.toml"
    filled = answers.read_text()
    for key, value in {"2.think_time": think, "1.fastest": min(means, key=means.get), "5.knee": knee}.items():
        filled = filled.replace(f'"{key}" = ""', f'"{key}" = {json.dumps(value)}')
    answers.write_text(filled)

    checked = lab(results, "check-worksheet")

    assert checked.returncode == 0, checked.stdout + checked.stderr
    for key in ("2.think_time", "1.fastest", "5.knee"):
        assert f"{key}: right" in checked.stdout
    answers.write_text(filled.replace('"4.cores" = ""', '"4.cores" = 1'))
    wrong = lab(results, "check-worksheet", "--answers", str(answers))
    assert wrong.returncode == 1
    assert "4.cores: wrong: expected " in wrong.stdout and "it is a demo-length run" in wrong.stdout
