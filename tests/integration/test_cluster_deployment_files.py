"""Every architecture's cluster configuration, written out: valid for compose and for Kubernetes, checked offline."""

import subprocess
import sys
from pathlib import Path

import pytest

from lab.cluster.plan import configuration_named
from lab.deploy import files
from lab.deploy.cluster_plan import planned
from lab.settings import ClusterSettings
from topology import registry

BIN = Path(sys.executable).parent
SIZES = ClusterSettings(machine_cpus=0.08, database_cpus=0.3, balancer_cpus=0.15, machine_sizes="")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("deploy")
    found = {}
    for architecture in registry.names():
        for name in ("up-2", "out-4"):
            plan = planned(architecture, configuration_named(name), SIZES)
            found |= files.cluster_generated(plan, "a test")
    paths = []
    for path, text in found.items():
        path = folder / path.relative_to(files.DEPLOY)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        paths.append(path)
    return paths


def test_every_cluster_compose_file_matches_the_compose_specification(written):
    composed = [str(path) for path in written if path.name == "compose.yaml"]
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", *composed],
        capture_output=True,
        text=True,
    )
    assert len(composed) == 2 * len(registry.names()) and done.returncode == 0, done.stdout + done.stderr


def test_every_cluster_manifest_passes_strict_kubernetes_validation(written):
    manifests = [str(path) for path in written if path.name == "kubernetes.yaml"]
    done = subprocess.run(
        [str(BIN / "kubernetes-validate"), "--strict", "-k", "1.30", "--quiet", *manifests],
        capture_output=True,
        text=True,
    )
    assert len(manifests) == 2 * len(registry.names()) and done.returncode == 0, done.stdout + done.stderr
