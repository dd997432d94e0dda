"""Each architecture's containers, read from the same topology the launcher runs, never written twice.

The launcher gives every component a port on 127.0.0.1; a container listens on CONTAINER_PORT and
reaches the others by name. So the description is taken as the launcher builds it, and every
`http://127.0.0.1:<port>` in it becomes `http://<component>:8000`.
"""

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.engine import make_url

from lab.architectures import ARCHITECTURES, describe

CONTAINER_PORT = 8000
DATABASE_HOST = "postgres"
ADMIN_URL = "postgresql+psycopg://bookstore:bookstore-lab-password@postgres:5432/bookstore"
SQLITE_URL = "sqlite:////data/bookstore.sqlite"
# Settings that are secrets: they travel in a Secret (Kubernetes) or from the environment (compose).
SECRETS = ("DATABASE_URL", "INTERNAL_API_KEY", "TOKEN_SECRET", "REGISTRY_KEY")
LOCAL_ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)")
_PROBE_PORT = 18000  # any port: the launcher's addresses are rewritten to container names
PASSWORD = "__PASSWORD__"  # where a service's own database password goes in its DATABASE_URL
# Local choices that must not leak into the committed files: replica counts, a user's own databases.
LOCAL_SETTINGS = re.compile(
    r"(.*_REPLICAS|REPLICAS_.*|.*_DATABASE_URL|.*_DB_PASSWORD|TOKEN_SECRET|INTERNAL_API_KEY"
    r"|REGISTRY_KEY)$"
)
POSTGRES_PASSWORD = make_url(ADMIN_URL).password


@dataclass(frozen=True)
class Container:
    """One deployable component: its image, command, settings and secrets."""

    architecture: str
    name: str
    wsgi_app: str
    settings: dict[str, str]
    database_url: str | None  # its own DATABASE_URL (a secret), None when it must not reach a database
    password: str | None  # a database role of its own: DATABASE_URL holds PASSWORD, this is the lab default
    edge: bool
    scales_out: bool
    code: str  # the architecture's package, copied into the image beside the shared bookstore package

    @property
    def password_variable(self) -> str:
        """The variable that overrides its database password: CATALOG_DB_PASSWORD."""
        return f"{self.name.upper()}_DB_PASSWORD"

    @property
    def image(self) -> str:
        """Image, Deployment and Service name."""
        return f"bookstore-{slug(self.architecture)}-{self.name}"


@dataclass(frozen=True)
class Deployment:
    """An architecture as containers: the components, the one-off preparation, and its database."""

    architecture: str
    database: str  # "sqlite" or "postgres"
    containers: list[Container]
    prepare: list[list[str]]  # python -m ... commands run once, before the servers, with the admin URL

    @property
    def prepare_container(self) -> Container:
        """Whose image runs the preparation: the first that holds the data access code."""
        return next(c for c in self.containers if c.database_url)


def slug(name: str) -> str:
    """A name Kubernetes and DNS accept: three_tier becomes three-tier."""
    return name.replace("_", "-")


@contextmanager
def without_local_settings():
    """The environment without this machine's own choices, so that every file comes out the same anywhere."""
    saved = {key: os.environ.pop(key) for key in list(os.environ) if LOCAL_SETTINGS.match(key)}
    try:
        yield
    finally:
        os.environ.update(saved)


def _own_role(url: str | None) -> tuple[str | None, str | None]:
    # A service with a role of its own: the password leaves the URL, to be set apart as a secret.
    if not url or url.startswith("sqlite") or make_url(url).username == make_url(ADMIN_URL).username:
        return url, None
    parsed = make_url(url)
    return parsed.set(password=PASSWORD).render_as_string(hide_password=False), parsed.password


def deployment(architecture: str) -> Deployment:
    """The containers of an architecture on its default database, derived from its topology."""
    database = ARCHITECTURES[architecture][0]
    url = SQLITE_URL if database == "sqlite" else ADMIN_URL
    with without_local_settings():
        described = describe(architecture, _PROBE_PORT, url, database)
    names = {str(c.port): c.name for c in described.components}

    def in_containers(value: str) -> str:
        return LOCAL_ADDRESS.sub(lambda found: f"http://{names[found[1]]}:{CONTAINER_PORT}", value)

    containers = []
    for component in described.components:
        env = {key: in_containers(value) for key, value in component.env.items()}
        database_url, password = _own_role(env.pop("DATABASE_URL", url) or None)  # "": no way to the data
        settings = {key: value for key, value in env.items() if key not in SECRETS}
        containers.append(Container(
            architecture, component.name, component.wsgi_app, settings, database_url, password,
            edge=component.port == _PROBE_PORT, scales_out=database != "sqlite", code=architecture,
        ))  # fmt: skip
    prepare = [command[1:] for command in described.prepare]  # drop the launcher's own interpreter path
    return Deployment(architecture, database, containers, prepare)


def secret_defaults() -> dict[str, str]:
    """The shared secrets and the lab defaults the code itself falls back to: one place says them."""
    from bookstore.settings import Settings
    from soa.registration import registry_key
    from three_tier.internal_api import internal_key

    with without_local_settings():
        return {"TOKEN_SECRET": Settings.from_environment().token_secret, "INTERNAL_API_KEY": internal_key(),
                "REGISTRY_KEY": registry_key()}  # fmt: skip
