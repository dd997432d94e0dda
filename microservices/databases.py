"""Database per service: each service's own database and role, created fresh on the lab's PostgreSQL server.

`python -m microservices.provision` runs with the server's admin URL in DATABASE_URL; a service may
instead be given a database of its own with <SERVICE>_DATABASE_URL, which is then used as it is.
"""

import hashlib
import os
from collections.abc import Mapping

from sqlalchemy.engine import make_url

from bookstore import seed
from bookstore.accounts.tables import metadata as accounts_tables
from bookstore.catalog.tables import metadata as catalog_tables
from bookstore.orders.tables import metadata as orders_tables
from bookstore.shipping.tables import metadata as shipping_tables

TABLES = {"accounts": accounts_tables, "catalog": catalog_tables, "orders": orders_tables, "shipping": shipping_tables}
SEEDS = {
    "accounts": lambda conn: seed.seed_accounts(conn, seed.account_count()),
    "catalog": lambda conn: seed.seed_catalog(conn, seed.book_count()),
}


def given_url(service: str, settings: Mapping[str, str] | None = None) -> str | None:
    """A database the user gave this service (<SERVICE>_DATABASE_URL), if any."""
    return (os.environ if settings is None else settings).get(f"{service.upper()}_DATABASE_URL")


def role_password(admin_url: str, service: str, settings: Mapping[str, str] | None = None) -> str:
    """The service role's password: <SERVICE>_DB_PASSWORD where a deployment sets it, else derived from the
    admin credentials, so that every process of a local run can compute it."""
    given = (os.environ if settings is None else settings).get(f"{service.upper()}_DB_PASSWORD")
    if given and not given.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"{service.upper()}_DB_PASSWORD may hold only letters, digits, - and _")
    return given or hashlib.sha256(f"{admin_url}|{service}".encode()).hexdigest()[:24]


def replica_database_url(service_url: str, replica_admin_url: str) -> str:
    """A service's own database and role on a replica: the same, but at the replica's host and port."""
    replica = make_url(replica_admin_url)
    return make_url(service_url).set(host=replica.host, port=replica.port).render_as_string(hide_password=False)


def service_database_url(admin_url: str, service: str, settings: Mapping[str, str] | None = None) -> str:
    """The URL a service uses: its own role on its own database (settings: the environment unless given)."""
    if url := given_url(service, settings):
        return url
    admin = make_url(admin_url)
    own = admin.set(username=service, password=role_password(admin_url, service, settings), database=service)
    return own.render_as_string(hide_password=False)
