"""The Postman collection calls every operation of the contract, tests each answer, and passes on every architecture."""

import json
import os
import shutil
import subprocess

import pytest

from contract import openapi_document
from lab.paths import ROOT
from topology import registry

POSTMAN = ROOT / "postman"
COLLECTION = POSTMAN / "bookstore.postman_collection.json"
NEWMAN = POSTMAN / "node_modules" / ".bin" / "newman"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
RUNS = 2  # the collection runs twice in a row against the same server, as a class would run it again and again


def collection() -> dict:
    return json.loads(COLLECTION.read_text(encoding="utf-8"))


def requests_in(items: list[dict]) -> list[dict]:
    """Every request of a collection's items, in run order, folders flattened."""
    found = []
    for item in items:
        found += requests_in(item["item"]) if "item" in item else [item]
    return found


def contract_operations() -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, operations in openapi_document()["paths"].items()
        for method in operations
        if method in HTTP_METHODS
    }


def matches(template: str, segments: list[str]) -> bool:
    """Whether a request's path segments fit a contract path such as /api/books/{id}."""
    parts = template.strip("/").split("/")
    if len(parts) != len(segments):
        return False
    pairs = zip(parts, segments, strict=True)
    return all(part == segment or (part.startswith("{") and part.endswith("}")) for part, segment in pairs)


def operation_of(item: dict) -> tuple[str, str] | None:
    """The contract operation a request calls (literal paths before templates), or None if there is none."""
    method, segments = item["request"]["method"].upper(), item["request"]["url"]["path"]
    for operation_method, template in sorted(contract_operations(), key=lambda operation: operation[1].count("{")):
        if operation_method == method and matches(template, segments):
            return operation_method, template
    return None


def test_every_operation_of_the_contract_is_called_by_the_collection():
    called = {operation_of(item) for item in requests_in(collection()["item"])}
    assert contract_operations() - called == set()


def test_every_request_of_the_collection_is_an_operation_of_the_contract():
    strays = [item["name"] for item in requests_in(collection()["item"]) if operation_of(item) is None]
    assert strays == []


def test_every_request_reaches_the_edge_through_the_base_url_variable():
    for item in requests_in(collection()["item"]):
        url = item["request"]["url"]
        assert url["raw"].startswith("{{baseUrl}}/") and url["host"] == ["{{baseUrl}}"], item["name"]


def test_every_request_has_tests_of_its_status_and_json_content_type():
    for item in requests_in(collection()["item"]):
        scripts = [event["script"] for event in item.get("event", []) if event["listen"] == "test"]
        code = "\n".join(line for script in scripts for line in script["exec"])
        assert "pm.test(" in code, item["name"]
        assert "pm.response.to.have.status(" in code, item["name"]
        assert 'pm.response.headers.get("Content-Type")' in code, item["name"]


@pytest.mark.parametrize("architecture", registry.names())
def test_each_architecture_has_an_environment_at_the_address_its_make_run_serves(architecture):
    path = POSTMAN / "environments" / f"{architecture}.postman_environment.json"
    values = {entry["key"]: entry["value"] for entry in json.loads(path.read_text(encoding="utf-8"))["values"]}
    assert values == {"baseUrl": openapi_document()["servers"][0]["url"], "architecture": architecture}


@pytest.fixture(scope="session")
def newman() -> str:
    """The newman that `make setup` installs from postman/package-lock.json."""
    missing = None
    if shutil.which("node") is None:
        missing = "Node.js is not installed, so newman cannot run the Postman collection"
    elif not NEWMAN.exists():
        missing = "newman is not installed: run `npm ci --prefix postman` (make setup does where npm exists)"
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must run the Postman collection (.ci/run installs Node.js): {missing}")
    if missing:
        pytest.skip(missing)
    return str(NEWMAN)


@pytest.mark.slow
def test_newman_runs_every_request_of_the_collection_without_a_failed_assertion(newman, edge, edge_url, tmp_path):
    report_path = tmp_path / "newman.json"
    command = [newman, "run", str(COLLECTION), "--env-var", f"baseUrl={edge_url}", "--iteration-count", str(RUNS)]
    command += ["--reporters", "cli,json", "--reporter-json-export", str(report_path)]
    command += ["--timeout-request", "30000", "--color", "off"]
    environment = POSTMAN / "environments" / f"{edge.name}.postman_environment.json"
    if environment.exists():
        command += ["--environment", str(environment)]
    done = subprocess.run(command, cwd=POSTMAN, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    run = json.loads(report_path.read_text(encoding="utf-8"))["run"]
    requests = RUNS * len(requests_in(collection()["item"]))
    assert len(run["executions"]) == run["stats"]["requests"]["total"] == requests
    assert run["stats"]["assertions"]["total"] > 0
    assert run["failures"] == []
    assert all(run["stats"][counter]["failed"] == 0 for counter in ("requests", "assertions", "testScripts"))
