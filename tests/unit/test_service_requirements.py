"""Each microservice's own requirements file is pinned, and pinned to the versions the lab tests with."""

import re

import pytest

from lab.paths import ROOT

SERVICES = ["accounts", "catalog", "orders", "shipping", "gateway", "frontend"]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(\[[a-z,]+\])?==([^\s#]+)")


def pins(path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            match = PIN.match(line)
            assert match, f"{path.name}: {line!r} is not pinned with =="
            found[match.group(1).lower().replace("_", "-")] = match.group(3)
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_a_services_requirements_match_the_labs_pinned_versions(service):
    own = pins(ROOT / "microservices" / service / "requirements.txt")
    lab = pins(ROOT / "constraints.txt")
    assert own
    for package, version in own.items():
        assert lab.get(package) == version, f"{service}: {package}=={version}, the lab pins {lab.get(package)}"
