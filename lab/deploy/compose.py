"""A compose file per architecture: its PostgreSQL, the preparation, then every server, in start order."""

from lab.deploy.spec import (
    ADMIN_URL,
    CONTAINER_PORT,
    PASSWORD,
    POSTGRES_PASSWORD,
    SECRETS,
    Container,
    Deployment,
    secret_defaults,
    slug,
)

POSTGRES_IMAGE = "postgres:18.1-bookworm"


def _secrets() -> dict[str, str]:
    # Lab defaults, overridable from the shell or an .env file beside the compose file.
    return {name: f"${{{name}:-{default}}}" for name, default in secret_defaults().items() if name in SECRETS}


def _postgres() -> dict:
    return {
        "image": POSTGRES_IMAGE,
        "environment": {
            "POSTGRES_USER": "bookstore",
            "POSTGRES_DB": "bookstore",
            "POSTGRES_PASSWORD": POSTGRES_PASSWORD,
        },
        "healthcheck": {
            "test": ["CMD-SHELL", "pg_isready -U bookstore -d bookstore"],
            "interval": "2s",
            "timeout": "2s",
            "retries": 30,
        },
        "volumes": ["pgdata:/var/lib/postgresql"],
    }


def _password(container: Container) -> str:
    return f"${{{container.password_variable}:-{container.password}}}"


def _build(deployment: Deployment, container: Container) -> dict:
    return {"context": "../..", "dockerfile": f"deploy/{deployment.architecture}/{container.name}/Dockerfile"}


def compose(deployment: Deployment) -> dict:
    """The compose document: `docker compose up` gives the same edge API as `make run-<arch>`."""
    services: dict[str, dict] = {}
    volumes = {"data:/data"} if deployment.database == "sqlite" else set()
    waits: dict[str, dict] = {}
    if deployment.database == "postgres":
        services["postgres"] = _postgres()
        waits = {"postgres": {"condition": "service_healthy"}}
    prepare_url = ADMIN_URL if deployment.database == "postgres" else deployment.containers[0].database_url
    for index, command in enumerate(deployment.prepare, start=1):
        name = f"prepare-{index}"
        services[name] = {
            # The same build as the image's own service: compose would otherwise try to pull it.
            "build": _build(deployment, deployment.prepare_container),
            "image": f"{deployment.prepare_container.image}:latest",
            "command": ["python", *command],
            # Services with a database of their own get their roles' passwords from the same variables.
            "environment": {
                "DATABASE_URL": prepare_url,
                **{c.password_variable: _password(c) for c in deployment.containers if c.password},
            },
            "depends_on": waits,
            "restart": "no",
            **({"volumes": sorted(volumes)} if volumes else {}),
        }
        waits = {name: {"condition": "service_completed_successfully"}}
    for container in deployment.containers:
        environment = {**container.settings, **_secrets()}
        if container.database_url:
            url = container.database_url
            environment["DATABASE_URL"] = url.replace(PASSWORD, _password(container)) if container.password else url
        services[container.name] = {
            "build": _build(deployment, container),
            "image": f"{container.image}:latest",
            "environment": environment,
            "depends_on": waits,
            "restart": "unless-stopped",
            # Published on this machine only: a lab server is no service for the whole network.
            **({"ports": [f"127.0.0.1:8000:{CONTAINER_PORT}"]} if container.edge else {}),
            **({"volumes": sorted(volumes)} if volumes else {}),
        }
    named = {"pgdata": {}} if deployment.database == "postgres" else {"data": {}}
    return {"name": f"bookstore-{slug(deployment.architecture)}", "services": services, "volumes": named}
