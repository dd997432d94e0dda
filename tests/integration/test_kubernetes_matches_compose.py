"""The Kubernetes manifests run what the compose files ran for real (make test-containers): the same images,
commands, settings and ports, and a Service under each name the components call one another by."""

import re

import pytest
import yaml

from lab.deploy.files import DEPLOY
from topology import registry


def compose(architecture: str) -> dict:
    return yaml.safe_load((DEPLOY / architecture / "compose.yaml").read_text())["services"]


def manifests(architecture: str) -> dict[tuple[str, str], dict]:
    documents = yaml.safe_load_all((DEPLOY / architecture / "kubernetes.yaml").read_text())
    return {(d["kind"], d["metadata"]["name"]): d for d in documents if d}


def without_password(value: str) -> str:
    """A setting with any password in a URL masked: each file writes it its own way."""
    return re.sub(r"(://[^:/@]+:)[^@]+@", r"\1***@", value)


def container(document: dict) -> dict:
    return document["spec"]["template"]["spec"]["containers"][0]


@pytest.mark.parametrize("architecture", registry.names())
def test_every_server_runs_the_same_image_settings_and_port_as_in_compose(architecture):
    found = manifests(architecture)
    servers = {name: s for name, s in compose(architecture).items() if s.get("restart") == "unless-stopped"}
    assert servers
    for name, service in servers.items():
        deployment = found.get(("Deployment", name)) or found.get(("StatefulSet", name))
        assert deployment, f"{architecture}: no Deployment for {name}"
        running = container(deployment)
        assert running["image"] == service["image"]
        assert running.get("command") == service.get("command")  # both leave it to the image's CMD
        # Kubernetes writes a service's own password into DATABASE_URL from DB_PASSWORD, compose in the file.
        assert {e["name"] for e in running.get("env", [])} - {"DB_PASSWORD"} == set(service["environment"])
        plain = {e["name"]: without_password(e["value"]) for e in running.get("env", []) if "value" in e}
        assert plain == {k: without_password(v) for k, v in service["environment"].items() if k in plain}
        assert [p["containerPort"] for p in running["ports"]] == [8000]
        assert ("Service", name) in found  # how the others reach it: http://<name>:8000


@pytest.mark.parametrize("architecture", registry.names())
def test_the_preparation_runs_the_same_commands_in_the_same_image(architecture):
    jobs = [s for name, s in compose(architecture).items() if name.startswith("prepare-")]
    job = container(manifests(architecture)[("Job", "prepare")])
    assert {s["image"] for s in jobs} == {job["image"]}
    assert job["command"][:2] == ["sh", "-c"]
    assert job["command"][2] == " && ".join(" ".join(s["command"]) for s in jobs)
