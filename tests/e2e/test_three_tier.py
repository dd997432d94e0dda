"""The three tiers really are separate servers: isolation, tracing, replicas, and failure of the middle tier."""

import json
import subprocess
import sys

import psutil
import pytest
import requests
from launching import launched, refused_without_proof, signed

BUSINESS_OR_DATA = ("sqlalchemy", "psycopg", "bookstore.database", "bookstore.inprocess", "bookstore.shared_database")
LOADED_BY_PRESENTATION = """
import json, sys
from three_tier.presentation.app import create_app
create_app()
print(json.dumps(sorted(sys.modules)))
"""


@pytest.fixture(scope="module")
def tiers(tmp_path_factory):
    """Three tiers with two application-tier replicas and PostgreSQL statement logging."""
    with launched("three_tier", tmp_path_factory.mktemp("three_tier"), APP_REPLICAS="2", PG_LOG_STATEMENTS="1") as up:
        yield up


def app_tier_url(launch) -> str:
    return launch.addresses()["application"]


def test_the_presentation_tier_loads_no_business_rule_or_data_access_module():
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", LOADED_BY_PRESENTATION],
            capture_output=True,
            text=True,
            check=True,
            env={"PATH": "", "PYTHONPATH": "."},
        ).stdout
    )
    assert "three_tier.presentation.remote_store" in loaded
    for module in loaded:
        assert not any(module == m or module.startswith(f"{m}.") for m in BUSINESS_OR_DATA), module
        assert not module.endswith((".service", ".repository", ".tables", ".model")), module


def remote_ports(root_pid: int) -> set[int]:
    root = psutil.Process(root_pid)
    return {
        connection.raddr.port
        for process in [root, *root.children(recursive=True)]
        for connection in process.net_connections(kind="tcp")
        if connection.raddr
    }


def test_only_the_application_tier_holds_connections_to_the_database(tiers):
    requests.get(f"{tiers.base_url}/api/books?q=river", timeout=10).raise_for_status()
    database_port = tiers.postgres.port
    pids = tiers.process_ids()
    assert database_port not in remote_ports(pids["presentation"])
    assert any(database_port in remote_ports(pids[name]) for name in ("application-1", "application-2"))


@pytest.mark.parametrize("key", [None, "a-guessed-key"])
def test_the_application_tier_refuses_calls_that_do_not_come_through_the_internal_api(tiers, key):
    headers = {"X-Internal-Key": key, **signed()} if key else signed()
    answer = requests.get(f"{app_tier_url(tiers)}/internal/books", headers=headers, timeout=10)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("path", ["/internal/profile", "/internal/orders", "/internal/books"])
def test_the_application_tier_refuses_a_call_without_a_valid_signed_assertion(tiers, path):
    key = {"X-Internal-Key": "three-tier-internal-key-change-me"}
    refused_without_proof("GET", f"{app_tier_url(tiers)}{path}")
    answer = requests.get(f"{app_tier_url(tiers)}{path}", headers=key, timeout=10)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"


def test_the_request_id_travels_from_the_edge_to_the_database_log(tiers):
    answer = requests.get(f"{tiers.base_url}/api/books/42", headers={"X-Request-ID": "trace-4242"}, timeout=10)
    assert answer.headers["X-Request-ID"] == "trace-4242"
    log = (tiers.run_dir / "logs" / "postgres.log").read_text()
    assert "request_id=trace-4242" in log


def test_both_application_replicas_serve_on_the_one_port(tiers):
    workers = {
        name: {child.pid for child in psutil.Process(pid).children()}
        for name, pid in tiers.process_ids().items()
        if name.startswith("application-")
    }
    answering = set()
    for _ in range(40):
        with requests.Session() as fresh_connection:
            answering.add(fresh_connection.get(f"{app_tier_url(tiers)}/health", timeout=10).json()["pid"])
    assert all(answering & pids for pids in workers.values()), (answering, workers)


def test_with_the_application_tier_down_the_edge_answers_503_then_recovers_without_a_restart(tiers):
    presentation_pid = tiers.process_ids()["presentation"]
    for replica in ("application-1", "application-2"):
        tiers.stop_component(replica)
    down = requests.get(f"{tiers.base_url}/api/books/7", timeout=30)
    assert down.status_code == 503
    assert down.json()["error"]["code"] == "service_unavailable"
    assert requests.get(f"{tiers.base_url}/health", timeout=30).status_code == 200
    for replica in ("application-1", "application-2"):
        tiers.start_component(replica)
    assert requests.get(f"{tiers.base_url}/api/books/7", timeout=10).json()["id"] == 7
    assert tiers.process_ids()["presentation"] == presentation_pid
