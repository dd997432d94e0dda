"""The data side on Kubernetes: PostgreSQL as a StatefulSet with its volume claim, and the one-off preparation Job."""

from lab.deploy.compose import POSTGRES_IMAGE
from lab.deploy.spec import Deployment

SECRETS = "bookstore-secrets"


def meta(name: str, namespace: str, **labels: str) -> dict:
    """Name, namespace and the labels every bookstore object carries."""
    return {"name": name, "namespace": namespace, "labels": {"app.kubernetes.io/part-of": "bookstore", **labels}}


def postgres(namespace: str) -> list[dict]:
    """PostgreSQL as a StatefulSet with a volume claim, and the headless Service that names it."""
    labels = {"app": "postgres"}
    env = [
        {"name": "POSTGRES_USER", "value": "bookstore"},
        {"name": "POSTGRES_DB", "value": "bookstore"},
        {"name": "POSTGRES_PASSWORD", "valueFrom": {"secretKeyRef": {"name": SECRETS, "key": "postgres-password"}}},
    ]
    ready = {"exec": {"command": ["pg_isready", "-U", "bookstore", "-d", "bookstore"]}, "periodSeconds": 5}
    container = {
        "name": "postgres",
        "image": POSTGRES_IMAGE,
        "ports": [{"name": "postgres", "containerPort": 5432}],
        "env": env,
        "readinessProbe": ready,
        "livenessProbe": {**ready, "periodSeconds": 20},
        "resources": {"requests": {"cpu": "500m", "memory": "512Mi"}, "limits": {"cpu": "2", "memory": "2Gi"}},
        "volumeMounts": [{"name": "pgdata", "mountPath": "/var/lib/postgresql"}],
    }
    claim = {
        "metadata": {"name": "pgdata"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "5Gi"}}},
    }
    statefulset = {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": meta("postgres", namespace, **labels),
        "spec": {
            "serviceName": "postgres",
            "replicas": 1,
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels}, "spec": {"containers": [container]}},
            "volumeClaimTemplates": [claim],
        },
    }
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta("postgres", namespace, **labels),
        "spec": {"clusterIP": "None", "selector": labels, "ports": [{"name": "postgres", "port": 5432}]},
    }
    return [statefulset, service]


def _secret(name: str, key: str) -> dict:
    return {"name": name, "valueFrom": {"secretKeyRef": {"name": SECRETS, "key": key}}}


def prepare(deployment: Deployment, namespace: str) -> dict:
    """The Job that creates the schema and seeds it, once; it retries until the database answers."""
    script = " && ".join(f"python {' '.join(command)}" for command in deployment.prepare)
    # The roles it creates get the passwords the services will log in with, from the same Secret keys.
    passwords = [_secret(c.password_variable, f"{c.name}-db-password") for c in deployment.containers if c.password]
    container = {
        "name": "prepare",
        "image": f"{deployment.prepare_container.image}:latest",
        "command": ["sh", "-c", script],
        "env": [_secret("DATABASE_URL", "admin-database-url"), *passwords],
    }
    pod = {
        "restartPolicy": "OnFailure",
        "containers": [container],
        "securityContext": {"runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001, "fsGroup": 10001},
    }
    if deployment.database == "sqlite":
        claim = deployment.containers[0].name + "-data"
        pod["volumes"] = [{"name": "data", "persistentVolumeClaim": {"claimName": claim}}]
        container["volumeMounts"] = [{"name": "data", "mountPath": "/data"}]
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta("prepare", namespace),
        "spec": {"backoffLimit": 10, "template": {"spec": pod}},
    }
