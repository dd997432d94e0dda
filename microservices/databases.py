"""Database per service: each service's own database and role, created fresh on the lab's PostgreSQL server.

`python -m microservices.provision` runs with the server's admin URL in DATABASE_URL; a service may
instead be given a database of its own with <SERVICE>_DATABASE_URL, which is then used as it is.
"""

import hashlib

from sqlalchemy.engine import make_url

from bookstore import seed
from bookstore.accounts.tables import metadata as accounts_tables
from bookstore.catalog.tables import metadata as catalog_tables
from bookstore.orders.tables import metadata as orders_tables
from bookstore.shipping.tables import metadata as shipping_tables
from microservices.settings import ServiceDatabases

TABLES = {"accounts": accounts_tables, "catalog": catalog_tables, "orders": orders_tables, "shipping": shipping_tables}
SEEDS = {
    "accounts": lambda conn: seed.seed_accounts(conn, seed.account_count()),
    "catalog": lambda conn: seed.seed_catalog(conn, seed.book_count()),
}


def role_password(admin_url: str, service: str, databases: ServiceDatabases) -> str:
    """The service role's password: <SERVICE>_DB_PASSWORD where a deployment sets it, else derived from the
    admin credentials, so that every process of a local run can compute it."""
    given = databases.given_password(service)
    return given or hashlib.sha256(f"{admin_url}|{service}".encode()).hexdigest()[:24]


def replica_database_url(service_url: str, replica_admin_url: str) -> str:
    """A service's own database and role on a replica: the same, but at the replica's host and port."""
    replica = make_url(replica_admin_url)
    return make_url(service_url).set(host=replica.host, port=replica.port).render_as_string(hide_password=False)


def service_database_url(admin_url: str, service: str, databases: ServiceDatabases) -> str:
    """The URL a service uses: the database the deployment gave it, else its own role on its own database."""
    if databases.given_url(service):
        return databases.given_url(service)
    admin = make_url(admin_url)
    own = admin.set(username=service, password=role_password(admin_url, service, databases), database=service)
    return own.render_as_string(hide_password=False)
