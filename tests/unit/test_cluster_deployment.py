"""A cluster configuration written out: a compose file with every machine's cores and HAProxy before the copies,
its haproxy.cfg, and Kubernetes manifests with replicas and CPU limits; from the plan or from a measured run."""

import shutil
import subprocess
from dataclasses import replace

import pytest
import yaml

from lab.cli import main
from lab.cluster.plan import configuration_named
from lab.deploy import cluster_compose as cluster_compose_module
from lab.deploy import files
from lab.deploy.balancer import BALANCER_IMAGE, STATS_PORT, fronts
from lab.deploy.cluster_compose import cluster_compose, copies
from lab.deploy.cluster_kubernetes import cluster_manifests, millicores
from lab.deploy.cluster_plan import measured, planned
from lab.records import write_run
from lab.records.cluster import Cluster, MachineUse
from lab.settings import ClusterSettings
from tests.run_records import run_record

SIZES = ClusterSettings(machine_cpus=0.25, database_cpus=0.3, balancer_cpus=0.15, machine_sizes="")
COPIES = ["application-1", "application-2", "presentation-1", "presentation-2"]


@pytest.fixture
def out_2():
    return planned("three_tier", configuration_named("out-2"), SIZES)


def test_the_compose_file_gives_every_machine_its_cores_and_a_copy_a_service(out_2):
    services = cluster_compose(out_2)["services"]

    cores = {name: service["cpus"] for name, service in services.items() if "cpus" in service}
    assert cores == {**dict.fromkeys(COPIES, 0.25), "postgres": 0.3, "balancer": 0.15}
    assert "application" not in services and "presentation" not in services
    assert services["application-2"]["environment"]["COMPONENT_NAME"] == "application-2"


def test_the_tiers_reach_each_other_and_clients_reach_the_edge_only_through_haproxy(out_2):
    services = cluster_compose(out_2)["services"]
    ports = fronts(["application", "presentation"])

    balancer = services["balancer"]
    assert balancer["image"] == BALANCER_IMAGE and balancer["ports"] == [f"127.0.0.1:8000:{ports['presentation']}"]
    assert set(balancer["depends_on"]) == set(COPIES)
    assert all("ports" not in services[copy] for copy in COPIES)
    for copy in ("presentation-1", "presentation-2"):
        assert services[copy]["environment"]["APP_TIER_URL"] == f"http://balancer:{ports['application']}"


def test_haproxy_balances_every_copy_round_robin_checked_on_its_health(out_2, tmp_path):
    text = files.cluster_generated(out_2, "a test")[files.DEPLOY / "three_tier" / "cluster-out-2" / "haproxy.cfg"]

    assert "    mode http" in text.splitlines()
    for component, names in copies(out_2).items():
        backend = text.split(f"\nbackend {component}\n")[1].split("\n\n")[0]
        assert "balance roundrobin" in backend and "http-check send meth GET uri /health" in backend
        assert [line.split()[1] for line in backend.splitlines() if line.strip().startswith("server ")] == names
    assert f"bind :{STATS_PORT}" in text


def admission_on(monkeypatch) -> None:
    """Every container started with ADMISSION_QUEUE=2, as an operator may set it (the files ship with it off)."""
    plain = cluster_compose_module.described

    def admitting(plan):
        found = plain(plan)
        on = [replace(c, settings={**c.settings, "ADMISSION_QUEUE": "2"}) for c in found.containers]
        return replace(found, containers=on)

    monkeypatch.setattr(cluster_compose_module, "described", admitting)


def test_where_the_containers_turn_admission_on_each_copy_takes_its_threads_and_the_excess_waits(out_2, monkeypatch):
    path = files.DEPLOY / "three_tier" / "cluster-out-2" / "haproxy.cfg"
    assert "maxconn" not in files.cluster_generated(out_2, "a test")[path]  # off, as the deployments ship
    admission_on(monkeypatch)
    text = files.cluster_generated(out_2, "a test")[path]
    assert "server presentation-1 presentation-1:8000 maxconn 8" in text  # each copy: 2 workers × 4 threads
    assert "server application-2 application-2:8000 maxconn 8" in text
    assert text.count("timeout queue 50ms") == 2
    assert "if { queue(presentation) ge 8 }" in text  # the edge: 2 copies × 2 workers × 2 may wait


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="HAProxy is not installed (apt-get install haproxy)")
@pytest.mark.parametrize("admission", [False, True], ids=["admission-off", "admission-on"])
def test_haproxy_accepts_the_configuration(out_2, tmp_path, monkeypatch, admission):
    if admission:
        admission_on(monkeypatch)
    config = tmp_path / "haproxy.cfg"
    written = files.cluster_generated(out_2, "a test")
    config.write_text(written[files.DEPLOY / "three_tier" / "cluster-out-2" / config.name])

    checked = subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True, text=True)

    assert checked.returncode == 0, checked.stderr


def test_the_manifests_set_replicas_and_cpu_limits_and_say_why_there_is_no_haproxy(out_2):
    documents = cluster_manifests(out_2)
    deployments = {m["metadata"]["name"]: m for _, m in documents if m["kind"] == "Deployment"}

    for name in ("application", "presentation"):
        assert deployments[name]["spec"]["replicas"] == 2
        resources = deployments[name]["spec"]["template"]["spec"]["containers"][0]["resources"]
        assert resources["limits"]["cpu"] == resources["requests"]["cpu"] == "250m"
    assert not any(m["kind"] == "HorizontalPodAutoscaler" for _, m in documents)
    assert "No HAProxy" in documents[0][0]
    assert millicores(0.08) == "80m"


def test_database_replicas_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="replicas are not written out"):
        planned("three_tier", configuration_named("out-2-r1"), SIZES)
    with pytest.raises(ValueError, match="up-N, out-N"):
        configuration_named("sideways-2")


def _measured_run(folder, cores: dict[str, float], replicas: int = 0):
    machine = {"cpu_s": 1.0, "periods": 1, "throttled_periods": 0, "throttled_s": 0.0, "busy_share": 0.5}
    cluster = Cluster(
        mode="out",
        n=3,
        replicas=replicas,
        machine_cpus=0.1,
        scaled=["monolith"],
        machines={name: MachineUse(runs=name, cpus=cpus, **machine) for name, cpus in cores.items()},
    )
    run_json = folder / "run.json"
    write_run(run_json, run_record(architecture="monolith", cluster=cluster.model_dump()))
    return run_json


def test_a_measured_run_gives_its_configuration_and_the_cores_it_had(tmp_path):
    cores = {"monolith-1": 0.1, "monolith-2": 0.1, "monolith-3": 0.1, "postgres": 0.4, "balancer": 0.2}

    plan = measured(_measured_run(tmp_path, cores))

    assert plan.configuration.name == "out-3"
    assert {m.name: m.cpus for m in plan.machines} == cores
    assert cluster_compose(plan)["services"]["postgres"]["cpus"] == 0.4
    with pytest.raises(ValueError, match="replicas are not written out"):
        measured(_measured_run(tmp_path, {**cores, "postgres-replica-1": 0.4}, replicas=1))


def test_the_command_writes_the_cluster_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(files, "DEPLOY", tmp_path)

    assert main(["deploy", "--cluster", "three_tier", "out-2", "--machine-cpus", "0.2"]) == 0

    written = yaml.safe_load((tmp_path / "three_tier" / "cluster-out-2" / "compose.yaml").read_text())
    assert written["services"]["application-1"]["cpus"] == 0.2
    assert (tmp_path / "three_tier" / "cluster-out-2" / "kubernetes.yaml").exists()
    assert main(["deploy", "--cluster", "three_tier", "out-2-r2"]) == 2
    assert "replicas are not written out" in capsys.readouterr().out
