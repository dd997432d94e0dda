"""A cluster as a compose file: each machine a service with its cores (`cpus:`), HAProxy before every copied one.

Built on the architecture's own compose document (lab/deploy/compose.py), on PostgreSQL as make bench-cluster
runs it: a scaled component's service becomes one service per copy, and the others reach it through the
balancer (BalancedNetwork), the edge too: the balancer publishes the edge's port.
"""

from lab.cluster.plan import BALANCER, DATABASE
from lab.deploy import balancer, compose
from lab.deploy.cluster_plan import ClusterPlan
from lab.deploy.spec import CONTAINER_PORT, Deployment, deployment, slug

DATABASE_KIND = "postgres"
CONFIG_FILE = "haproxy.cfg"  # beside the compose file


def described(plan: ClusterPlan) -> Deployment:
    """The architecture's containers, the scaled ones reached through the balancer."""
    return deployment(plan.architecture, DATABASE_KIND, balancer.BalancedNetwork(list(plan.scaled)))


def copies(plan: ClusterPlan) -> dict[str, list[str]]:
    """Each scaled component and its copies' service names, in the balancer's order."""
    return {component: [m.name for m in plan.copies(component)] for component in plan.scaled}


def limits(plan: ClusterPlan) -> dict[str, balancer.ServerLimit | None]:
    """Each scaled component's limit at the balancer (None where its containers leave admission off)."""
    return {c.name: balancer.limit(c) for c in described(plan).containers if c.name in plan.scaled}


def _built_from_here(service: dict) -> dict:
    # The cluster's folder is one level deeper than the architecture's: the repository is one more ../ away.
    if "build" not in service:
        return service
    return {**service, "build": {**service["build"], "context": "../../.."}}


def _balancer(plan: ClusterPlan, edge: str) -> dict:
    ports = balancer.fronts(list(plan.scaled))
    published = [f"127.0.0.1:{CONTAINER_PORT}:{ports[edge]}"] if edge in ports else []
    waits = {copy: {"condition": "service_healthy"} for names in copies(plan).values() for copy in names}
    return {
        "image": balancer.BALANCER_IMAGE,
        "cpus": plan.cpus(BALANCER),
        "volumes": [f"./{CONFIG_FILE}:{balancer.CONFIG_PATH}:ro"],
        "healthcheck": balancer.healthcheck(),
        "depends_on": waits,
        "restart": "unless-stopped",
        **({"ports": published} if published else {}),
    }


def cluster_compose(plan: ClusterPlan) -> dict:
    """The compose document of a cluster configuration."""
    containers = described(plan)
    edge = next(c.name for c in containers.containers if c.edge)
    base = compose.compose(containers)
    services: dict[str, dict] = {}
    for name, service in base["services"].items():
        service = _built_from_here(service)
        if name == DATABASE:
            services[name] = {**service, "cpus": plan.cpus(DATABASE)}
        elif name in plan.scaled:
            unpublished = {key: value for key, value in service.items() if key != "ports"}
            for machine in plan.copies(name):
                environment = {**service["environment"], "COMPONENT_NAME": machine.name}  # its name in logs
                services[machine.name] = {**unpublished, "environment": environment, "cpus": machine.cpus}
        elif name in {c.name for c in containers.containers}:
            services[name] = {**service, "cpus": plan.cpus(name)}
        else:  # the one-off preparation: no machine of its own
            services[name] = service
    services[BALANCER] = _balancer(plan, edge)
    name = f"bookstore-{slug(plan.architecture)}-{plan.configuration.name}"
    return {**base, "name": name, "services": services}
