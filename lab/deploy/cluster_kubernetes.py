"""A cluster as Kubernetes manifests: the architecture's own (lab/deploy/kubernetes.py), on PostgreSQL, with each
Deployment's replicas and every container's cores as the configuration sizes its machines."""

import copy

from lab.cluster.plan import DATABASE
from lab.deploy import kubernetes
from lab.deploy.cluster_compose import DATABASE_KIND
from lab.deploy.cluster_plan import ClusterPlan
from lab.deploy.spec import deployment

NO_BALANCER = (
    "No HAProxy here: each component's Service already spreads requests over its pods, as the balancer does in "
    "the compose file. Replicas are fixed by the configuration ({configuration}), so no HorizontalPodAutoscaler."
)


def millicores(cpus: float) -> str:
    """Cores as Kubernetes writes them: 0.08 -> 80m."""
    return f"{round(cpus * 1000)}m"


def _sized(container: dict, cpus: float) -> None:
    # Request what the limit allows: the pod gets the machine the configuration gives it, no more, no less.
    resources = container["resources"]
    resources["requests"]["cpu"] = resources["limits"]["cpu"] = millicores(cpus)


def cluster_manifests(plan: ClusterPlan) -> list[tuple[str, dict]]:
    """(comment, manifest) pairs in apply order; the first says why there is no HAProxy."""
    found = []
    for comment, manifest in copy.deepcopy(kubernetes.manifests(deployment(plan.architecture, DATABASE_KIND))):
        name = manifest["metadata"]["name"]
        if manifest["kind"] == "HorizontalPodAutoscaler":
            continue
        if manifest["kind"] == "Deployment":
            machines = plan.copies(name)
            manifest["spec"]["replicas"] = len(machines)
            _sized(manifest["spec"]["template"]["spec"]["containers"][0], machines[0].cpus)
        if manifest["kind"] == "StatefulSet" and name == DATABASE:
            _sized(manifest["spec"]["template"]["spec"]["containers"][0], plan.cpus(DATABASE))
        found.append((comment, manifest))
    first_comment, first = found[0]
    said = NO_BALANCER.format(configuration=plan.configuration.name)
    return [("\n".join(filter(None, (said, first_comment))), first), *found[1:]]
