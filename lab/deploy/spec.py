"""Each architecture's containers, read from the same topology the launcher runs, never written twice.

The launcher gives every component a port on 127.0.0.1; here every container listens on CONTAINER_PORT
and reaches the others by name: the topology is described over that network, with no setting of this
machine's, so the files come out the same anywhere.
"""

from dataclasses import dataclass

from sqlalchemy.engine import make_url

from lab.launch.architectures import describe
from topology import Network, registry

CONTAINER_PORT = 8000
WORKERS, THREADS = 2, 4  # every container's gunicorn (WEB_CONCURRENCY, GUNICORN_THREADS), as the images set it
DATABASE_HOST = "postgres"
ADMIN_URL = "postgresql+psycopg://bookstore:bookstore-lab-password@postgres:5432/bookstore"
SQLITE_URL = "sqlite:////data/bookstore.sqlite"
# Settings that are secrets: they travel in a Secret (Kubernetes) or from the environment (compose).
SECRETS = ("DATABASE_URL", "INTERNAL_API_KEY", "TOKEN_SECRET", "REGISTRY_KEY")
PASSWORD = "__PASSWORD__"  # where a service's own database password goes in its DATABASE_URL
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


class ContainerNetwork:
    """Every container listens on CONTAINER_PORT and is reached by its name."""

    def port(self, component: str, edge: bool = False) -> int:
        return CONTAINER_PORT

    def url(self, component: str) -> str:
        return f"http://{component}:{CONTAINER_PORT}"


def _own_role(url: str | None) -> tuple[str | None, str | None]:
    # A service with a role of its own: the password leaves the URL, to be set apart as a secret.
    if not url or url.startswith("sqlite") or make_url(url).username == make_url(ADMIN_URL).username:
        return url, None
    parsed = make_url(url)
    return parsed.set(password=PASSWORD).render_as_string(hide_password=False), parsed.password


def deployment(architecture: str, database: str | None = None, network: Network | None = None) -> Deployment:
    """The containers of an architecture on a database (its default unless given), derived from its topology.

    network: how the containers reach each other; by name unless given (a cluster's balancer stands between).
    """
    database = registry.declared(architecture).database(database)
    url = SQLITE_URL if database == "sqlite" else ADMIN_URL
    described = describe(architecture, network or ContainerNetwork(), url, database, settings={})
    containers = []
    for component in described.components:
        env = dict(component.env)
        database_url, password = _own_role(env.pop("DATABASE_URL", url) or None)  # "": no way to the data
        settings = {key: value for key, value in env.items() if key not in SECRETS}
        containers.append(
            Container(
                architecture,
                component.name,
                component.wsgi_app,
                settings,
                database_url,
                password,
                edge=component.name == described.edge,
                scales_out=database != "sqlite",
                code=architecture,
            )
        )
    prepare = [["-m", *command] for command in described.prepare]
    return Deployment(architecture, database, containers, prepare)


def secret_defaults() -> dict[str, str]:
    """The shared secrets and the lab defaults the code itself falls back to: one place says them."""
    from bookstore.settings import Settings
    from soa.registration import DEFAULT_REGISTRY_KEY
    from three_tier.internal_api import DEFAULT_INTERNAL_KEY

    return {
        "TOKEN_SECRET": Settings.from_environment({}).token_secret,
        "INTERNAL_API_KEY": DEFAULT_INTERNAL_KEY,
        "REGISTRY_KEY": DEFAULT_REGISTRY_KEY,
    }
