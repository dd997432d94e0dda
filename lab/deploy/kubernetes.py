"""Kubernetes manifests per architecture: a Deployment and a Service per component, probes, limits, autoscaling."""

from lab.deploy.data_tier import SECRETS, meta, postgres, prepare
from lab.deploy.spec import (
    ADMIN_URL,
    CONTAINER_PORT,
    PASSWORD,
    POSTGRES_PASSWORD,
    THREADS,
    WORKERS,
    Container,
    Deployment,
    secret_defaults,
    slug,
)

SETTINGS = "bookstore-settings"
# gunicorn's graceful_timeout is 10 s; the pod gets the preStop pause plus that, and margin.
GRACE_S = 30
PRE_STOP_S = 5
NO_AUTOSCALER = (
    "No HorizontalPodAutoscaler: the monolith keeps its SQLite file on one volume that one pod mounts, "
    "and SQLite takes one writer at a time, so a second replica could not share the data. Scale it up "
    "(resources) or run it on PostgreSQL (DB=postgres locally) to scale it out."
)


def _probe(path: str, period: int) -> dict:
    return {"httpGet": {"path": path, "port": CONTAINER_PORT}, "periodSeconds": period, "timeoutSeconds": 2}


def _shared_secrets() -> list[dict]:
    # Every server gets the shared secrets under the names the code reads (TOKEN_SECRET...).
    return [
        {"name": name, "valueFrom": {"secretKeyRef": {"name": SECRETS, "key": _key(name)}}}
        for name in secret_defaults()
    ]


def _key(name: str) -> str:
    return name.lower().replace("_", "-")


def _secret(key: str) -> dict:
    return {"secretKeyRef": {"name": SECRETS, "key": key}}


def _server(container: Container, namespace: str) -> list[dict]:
    labels = {"app": container.name}
    env = [{"name": key, "value": value} for key, value in sorted(container.settings.items())] + _shared_secrets()
    if container.password:  # its own role: the password from the Secret, then the URL around it
        env.append({"name": "DB_PASSWORD", "valueFrom": _secret(f"{container.name}-db-password")})
        env.append({"name": "DATABASE_URL", "value": container.database_url.replace(PASSWORD, "$(DB_PASSWORD)")})
    elif container.database_url:
        env.append({"name": "DATABASE_URL", "valueFrom": _secret(f"{container.name}-database-url")})
    pod = {
        "terminationGracePeriodSeconds": GRACE_S,
        # fsGroup: a volume the provisioner hands out owned by root becomes writable by the app's group.
        "securityContext": {"runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001, "fsGroup": 10001},
        "containers": [
            {
                "name": container.name,
                "image": f"{container.image}:latest",
                "ports": [{"name": "http", "containerPort": CONTAINER_PORT}],
                "envFrom": [{"configMapRef": {"name": SETTINGS}}],
                "env": env,
                "readinessProbe": _probe("/health", 5),
                "livenessProbe": {**_probe("/health", 10), "initialDelaySeconds": 10, "failureThreshold": 3},
                "resources": {
                    "requests": {"cpu": "250m", "memory": "192Mi"},
                    "limits": {"cpu": "1", "memory": "512Mi"},
                },
                # Let the Service stop sending before gunicorn stops accepting.
                "lifecycle": {"preStop": {"exec": {"command": ["sleep", str(PRE_STOP_S)]}}},
            }
        ],
    }
    if not container.scales_out:
        pod["volumes"] = [{"name": "data", "persistentVolumeClaim": {"claimName": f"{container.name}-data"}}]
        pod["containers"][0]["volumeMounts"] = [{"name": "data", "mountPath": "/data"}]
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta(container.name, namespace, **labels),
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": labels},
            "strategy": {"type": "RollingUpdate" if container.scales_out else "Recreate"},
            "template": {"metadata": {"labels": labels}, "spec": pod},
        },
    }
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta(container.name, namespace, **labels),
        "spec": {"selector": labels, "ports": [{"name": "http", "port": CONTAINER_PORT, "targetPort": "http"}]},
    }
    if not container.scales_out:
        claim = {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": meta(f"{container.name}-data", namespace),
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
        }
        return [claim, deployment, service]
    autoscaler = {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": meta(container.name, namespace),
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": container.name},
            "minReplicas": 1,
            "maxReplicas": 10,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
                }
            ],
        },
    }
    return [deployment, service, autoscaler]


def manifests(deployment: Deployment) -> list[tuple[str, dict]]:
    """(comment, manifest) pairs in apply order; the comment explains a choice where one is worth saying."""
    namespace = f"bookstore-{slug(deployment.architecture)}"
    secrets = {_key(name): value for name, value in secret_defaults().items()}
    for container in deployment.containers:
        if container.password:
            secrets[f"{container.name}-db-password"] = container.password
        elif container.database_url:
            secrets[f"{container.name}-database-url"] = container.database_url
    admin = ADMIN_URL if deployment.database == "postgres" else deployment.containers[0].database_url
    secrets["admin-database-url"] = admin
    if deployment.database == "postgres":
        secrets["postgres-password"] = POSTGRES_PASSWORD
    found: list[tuple[str, dict]] = [
        ("", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}),
        (
            "Lab defaults: replace every value before exposing the cluster.",
            {
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": meta(SECRETS, namespace),
                "type": "Opaque",
                "stringData": secrets,
            },
        ),
        (
            "",
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": meta(SETTINGS, namespace),
                "data": {"WEB_CONCURRENCY": str(WORKERS), "GUNICORN_THREADS": str(THREADS), "LOG_LEVEL": "warning"},
            },
        ),
    ]
    if deployment.database == "postgres":
        found += [("", manifest) for manifest in postgres(namespace)]
    found.append(("Schema and seed, once; it retries until the database answers.", prepare(deployment, namespace)))
    for container in deployment.containers:
        for manifest in _server(container, namespace):
            comment = NO_AUTOSCALER if manifest["kind"] == "Deployment" and not container.scales_out else ""
            found.append((comment, manifest))
    return found
