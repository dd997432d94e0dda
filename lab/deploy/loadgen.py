"""The load generator on a cluster: a Locust master Job and worker Deployment, against any architecture's edge."""

IMAGE = "bookstore-loadgen:latest"
NAMESPACE = "bookstore-loadgen"
SETTINGS = "loadgen-settings"
# Point it at an architecture's edge Service, e.g. http://gateway.bookstore-microservices:8000.
DEFAULT_TARGET = "http://monolith.bookstore-monolith:8000"
WORKERS = 2


def _meta(name: str) -> dict:
    return {"name": name, "namespace": NAMESPACE, "labels": {"app.kubernetes.io/part-of": "bookstore-loadgen"}}


def manifests() -> list[tuple[str, dict]]:
    """(comment, manifest) pairs: the master runs headless for the users-1000 load and keeps its results."""
    master_labels = {"app": "locust", "role": "master"}
    worker_labels = {"app": "locust", "role": "worker"}
    resources = {"requests": {"cpu": "500m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "1Gi"}}
    master = {
        "name": "master",
        "image": IMAGE,
        # The summary goes to the log (kubectl logs job/locust-master): the pod's files end with it.
        "args": [
            "--master",
            "--headless",
            "--expect-workers",
            str(WORKERS),
            "--expect-workers-max-wait",
            "120",
            "-u",
            "1000",
            "-r",
            "100",
            "-t",
            "3m",
            "--only-summary",
        ],
        "envFrom": [{"configMapRef": {"name": SETTINGS}}],
        "ports": [{"name": "workers", "containerPort": 5557}, {"name": "web", "containerPort": 8089}],
        "resources": resources,
    }
    worker = {
        "name": "worker",
        "image": IMAGE,
        "args": ["--worker", "--master-host", "locust-master", "--master-port", "5557"],
        "envFrom": [{"configMapRef": {"name": SETTINGS}}],
        "resources": resources,
    }
    return [
        ("", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}}),
        (
            "LOCUST_HOST: the edge of the architecture under test.",
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": _meta(SETTINGS),
                "data": {"LOCUST_HOST": DEFAULT_TARGET},
            },
        ),
        (
            "",
            {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": _meta("locust-master"),
                "spec": {
                    "selector": master_labels,
                    "ports": [{"name": "workers", "port": 5557}, {"name": "web", "port": 8089}],
                },
            },
        ),
        (
            "The master: one run, then it exits; read its summary with kubectl logs job/locust-master.",
            {
                "apiVersion": "batch/v1",
                "kind": "Job",
                "metadata": _meta("locust-master"),
                "spec": {
                    "backoffLimit": 0,
                    "template": {
                        "metadata": {"labels": master_labels},
                        "spec": {"restartPolicy": "Never", "containers": [master]},
                    },
                },
            },
        ),
        (
            "Workers: scale with kubectl scale deployment/locust-worker --replicas=N (and --expect-workers).",
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": _meta("locust-worker"),
                "spec": {
                    "replicas": WORKERS,
                    "selector": {"matchLabels": worker_labels},
                    "template": {"metadata": {"labels": worker_labels}, "spec": {"containers": [worker]}},
                },
            },
        ),
    ]
