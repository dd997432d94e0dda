"""make bench-micro, shortened: wrk flat out against the floor and the hop pairs, every answer checked."""

import json
import os
import shutil

import pytest

from lab.bench.micro.endpoints import FLOOR, Endpoint
from lab.bench.micro.run import run_micro
from lab.bench.micro.targets import TARGETS, Target


@pytest.fixture(autouse=True)
def wrk_installed():
    if shutil.which("wrk") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's wrk package (see .ci/run)")
        pytest.skip("install wrk (apt-get install wrk) to run the micro-bench test")


def test_the_floor_and_both_hop_pairs_are_measured_with_the_cpu_of_each_process(tmp_path, monkeypatch):
    monkeypatch.setattr("lab.bench.micro.run.SECONDS", 1)
    monkeypatch.setattr("lab.bench.micro.run.WARM_UP_S", 1)
    monkeypatch.setattr("lab.bench.micro.proof_cost.OPERATIONS", 200)
    assert run_micro(tmp_path, TARGETS[:2], rounds=1) == 0
    run = json.loads((tmp_path / "micro.json").read_text())
    found = {(m["target"], m["endpoint"]): m for m in run["measurements"]}
    assert set(found) == {("floor", "floor"), ("hop pairs", "JSON hop"), ("hop pairs", "SOAP hop")}
    assert all(m["requests"] > 0 and m["wrong"] == 0 for m in found.values())
    assert all(m["settled"] is True for m in found.values())  # idle servers go quiet before they are measured
    assert set(found["hop pairs", "SOAP hop"]["cpu_ms"]) == {"pair-edge", "pair-backend"}
    assert run["load"]["connections"] == 16
    assert all(run["proof"][figure] > 0 for figure in ("sign_cold_us", "verify_cold_us", "sign_warm_us"))
    # wrk's connections were counted on the edge's two gunicorn workers (not on their master, which only
    # listens), and only wrk's: the pair's edge holds pooled connections of its own, to another port
    assert all(len(m["edge_split"]) == 2 and 0 < sum(m["edge_split"]) <= 16 for m in found.values())


def test_an_answer_that_fails_its_check_fails_the_bench(tmp_path, monkeypatch):
    monkeypatch.setattr("lab.bench.micro.run.SECONDS", 1)
    monkeypatch.setattr("lab.bench.micro.run.WARM_UP_S", 1)
    monkeypatch.setattr("lab.bench.micro.proof_cost.OPERATIONS", 200)
    expecting_else = Endpoint("floor", "/floor", "body:find('not the floor', 1, true)")
    assert run_micro(tmp_path, (Target("floor", "floor", endpoints=(expecting_else,)),), rounds=1) == 1
    measured = json.loads((tmp_path / "micro.json").read_text())["measurements"][0]
    assert measured["wrong"] == measured["requests"] > 0 and "The floor" in measured["wrong_example"]
    assert FLOOR.path == expecting_else.path
