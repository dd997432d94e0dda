"""A fifth architecture, from a test package (tests/fixtures/one_process) and one registry line: launched by the
lab's real launcher and driven by the contract suite in process."""

import os
import re
import subprocess
import sys

import pytest
import requests

from lab.launch.launcher import Launch
from lab.launch.ports import free_port, port_is_free
from lab.paths import ROOT
from tests.e2e.launching import wait_for
from tests.fixtures.one_process.architecture import ARCHITECTURE as ONE_PROCESS
from topology import registry


@pytest.mark.slow
def test_the_launcher_starts_it_serves_the_store_and_stops_it(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "ARCHITECTURES", (*registry.ARCHITECTURES, ONE_PROCESS))
    port = free_port()
    launch = Launch("one_process", None, port=port, run_dir=tmp_path / "run")
    with launch:
        assert launch.base_url == f"http://127.0.0.1:{port}"
        assert requests.get(f"{launch.base_url}/health", timeout=10).json()["architecture"] == "one_process"
        assert requests.get(f"{launch.base_url}/api/books/1", timeout=10).json()["id"] == 1
        assert launch.architecture.label == "one_process"
    wait_for(lambda: port_is_free(port), f"port {port} free again after the launcher stopped")


@pytest.mark.slow
def test_the_contract_suite_in_process_passes_against_it():
    # Its own pytest run: the plugin adds the registry line before the suite's conftest lists its targets. The
    # generated requests are seeded: this test is about the fifth being driven, not about hunting inputs anew.
    environment = {key: value for key, value in os.environ.items() if key != "EDGE_URL"} | {"IN_PROCESS": "1"}
    plugin = "tests.fixtures.one_process.registered"
    asked = [sys.executable, "-m", "pytest", "-p", plugin, "-p", "no:cacheprovider", "--hypothesis-seed=0", "-q"]
    done = subprocess.run(
        [*asked, "tests/contract", "-k", "one_process"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed and int(passed.group(1)) >= 100, done.stdout[-2000:]
