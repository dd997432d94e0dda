"""The Dockerfiles, compose files and manifests: generated from the topologies, and valid, checked offline."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lab.deploy.files import DEPLOY, generated
from lab.deploy.kubernetes import GRACE_S, PRE_STOP_S
from lab.launch.architectures import describe
from lab.launch.network import PlannedNetwork
from topology import registry
from topology.gunicorn_conf import graceful_timeout

BIN = Path(sys.executable).parent
DOCKERFILES = sorted(DEPLOY.glob("**/Dockerfile"))
COMPOSE_FILES = sorted(DEPLOY.glob("*/compose.yaml"))
MANIFESTS = sorted(DEPLOY.glob("*/kubernetes.yaml"))


def documents(path: Path) -> list[dict]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=DEPLOY)


def test_every_deployment_file_is_what_the_topologies_generate():
    stale = [str(path) for path, text in generated().items() if not path.exists() or path.read_text() != text]
    assert stale == [], "run python -m lab.deploy and commit the result"


def test_no_deployment_file_is_left_over_from_a_component_that_is_gone():
    assert set(DOCKERFILES + COMPOSE_FILES + MANIFESTS) == set(generated())


@pytest.mark.parametrize("architecture", registry.names())
def test_compose_and_kubernetes_run_every_component_the_launcher_runs(architecture):
    launched = {
        c.name
        for c in describe(
            architecture, PlannedNetwork(), "postgresql://x/y", registry.declared(architecture).databases[0]
        ).components
    }
    compose = yaml.safe_load((DEPLOY / architecture / "compose.yaml").read_text())
    servers = {name for name in compose["services"] if name != "postgres" and not name.startswith("prepare")}
    deployments = {
        d["metadata"]["name"] for d in documents(DEPLOY / architecture / "kubernetes.yaml") if d["kind"] == "Deployment"
    }
    assert servers == deployments == launched
    assert {path.parent.name for path in (DEPLOY / architecture).glob("*/Dockerfile")} == launched


def test_hadolint_passes_every_dockerfile():
    assert DOCKERFILES
    done = run(str(BIN / "hadolint"), *map(str, DOCKERFILES))
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_compose_file_matches_the_compose_specification():
    done = run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", *map(str, COMPOSE_FILES))
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_manifest_passes_strict_kubernetes_validation():
    done = run(str(BIN / "kubernetes-validate"), "--strict", "-k", "1.30", "--quiet", *map(str, MANIFESTS))
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_stateless_component_autoscales_and_the_monolith_on_sqlite_says_why_it_does_not():
    for architecture in registry.names():
        found = documents(DEPLOY / architecture / "kubernetes.yaml")
        deployments = {d["metadata"]["name"] for d in found if d["kind"] == "Deployment"}
        autoscaled = {d["spec"]["scaleTargetRef"]["name"] for d in found if d["kind"] == "HorizontalPodAutoscaler"}
        assert autoscaled == (set() if architecture == "monolith" else deployments), architecture
    assert "# No HorizontalPodAutoscaler: " in (DEPLOY / "monolith" / "kubernetes.yaml").read_text()


def test_pods_are_probed_limited_and_stopped_gracefully():
    for path in MANIFESTS:
        for deployment in (d for d in documents(path) if d["kind"] == "Deployment" and "loadgen" not in str(path)):
            pod = deployment["spec"]["template"]["spec"]
            container = pod["containers"][0]
            assert container["readinessProbe"]["httpGet"]["path"] == "/health"
            assert container["livenessProbe"]["httpGet"]["path"] == "/health"
            assert container["resources"]["requests"] and container["resources"]["limits"]
            assert pod["terminationGracePeriodSeconds"] == GRACE_S > PRE_STOP_S + graceful_timeout


def test_a_tier_without_database_access_gets_no_database_url_in_any_deployment():
    compose = yaml.safe_load((DEPLOY / "three_tier" / "compose.yaml").read_text())
    assert "DATABASE_URL" not in compose["services"]["presentation"]["environment"]
    assert "DATABASE_URL" in compose["services"]["application"]["environment"]
    found = documents(DEPLOY / "three_tier" / "kubernetes.yaml")
    presentation = next(d for d in found if d["kind"] == "Deployment" and d["metadata"]["name"] == "presentation")
    assert "DATABASE_URL" not in {e["name"] for e in presentation["spec"]["template"]["spec"]["containers"][0]["env"]}


def test_components_find_each_other_by_name_not_by_the_launchers_local_ports():
    for path in COMPOSE_FILES + MANIFESTS:
        # Only the edge's published port is bound to this machine's loopback; components use names.
        assert "127.0.0.1" not in path.read_text().replace("- 127.0.0.1:8000:8000", ""), path
    compose = yaml.safe_load((DEPLOY / "soa" / "compose.yaml").read_text())
    assert compose["services"]["book"]["environment"]["BUS_URL"] == "http://bus:8000"
    assert compose["services"]["book"]["environment"]["ADVERTISE_URL"] == "http://book:8000/soap"


def packages_named(install: str) -> list[str]:
    """What a `pip install` line names besides its -r and -c files."""
    words = install.split("pip install", 1)[1].split("&&")[0].replace("\\", " ").split()
    follows = zip(["", *words], words, strict=False)
    return [word for before, word in follows if not word.startswith("-") and before not in ("-r", "-c")]


def test_every_image_installs_its_requirements_files_at_the_versions_of_constraints():
    stand_in = DEPLOY.parent / "lab" / "containers" / "standins" / "postgres" / "Dockerfile"
    for path in [*DOCKERFILES, stand_in]:
        installs = [line for line in path.read_text().splitlines() if "pip install" in line]
        assert installs, path
        for line in installs:
            assert "-c " in line and "constraints.txt" in line and "-r " in line, f"{path}: {line}"
            assert packages_named(line) == [], f"{path}: {line} names packages outside its requirements files"


def test_local_settings_never_leak_into_the_generated_files(monkeypatch):
    monkeypatch.setenv("SOA_REPLICAS", "2")
    monkeypatch.setenv("CATALOG_DATABASE_URL", "postgresql://me:secret@laptop/catalog")
    stale = [str(path) for path, text in generated().items() if path.read_text() != text]
    assert stale == []


def test_each_microservice_and_the_job_creating_its_role_read_one_password_key():
    found = documents(DEPLOY / "microservices" / "kubernetes.yaml")
    job = next(d for d in found if d["kind"] == "Job")
    job_keys = {
        e["name"]: e["valueFrom"]["secretKeyRef"]["key"]
        for e in job["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    for service in ("accounts", "catalog", "orders", "shipping"):
        deployment = next(d for d in found if d["kind"] == "Deployment" and d["metadata"]["name"] == service)
        env = {e["name"]: e for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
        key = env["DB_PASSWORD"]["valueFrom"]["secretKeyRef"]["key"]
        assert job_keys[f"{service.upper()}_DB_PASSWORD"] == key == f"{service}-db-password"
        assert "$(DB_PASSWORD)" in env["DATABASE_URL"]["value"]


def test_pods_run_as_the_images_non_root_user_and_can_write_their_volumes():
    for path in MANIFESTS:
        for document in documents(path):
            if document["kind"] in ("Deployment", "Job") and "loadgen" not in str(path):
                context = document["spec"]["template"]["spec"]["securityContext"]
                assert context["runAsNonRoot"] and context["runAsUser"] == context["fsGroup"] == 10001
