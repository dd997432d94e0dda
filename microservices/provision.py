"""Create each service's role and database (no other role may connect), its tables, and its seed data."""

import psycopg
from sqlalchemy.engine import make_url

from bookstore.database import Database
from bookstore.settings import Settings
from microservices.databases import SEEDS, TABLES, role_password, service_database_url
from microservices.settings import ServiceDatabases


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_role_and_database(admin_url: str, service: str, databases: ServiceDatabases) -> None:
    """A login role and a database it owns; PUBLIC loses CONNECT, so no other service's role gets in."""
    with psycopg.connect(_libpq(admin_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{service}" WITH (FORCE)')
        admin.execute(f'DROP ROLE IF EXISTS "{service}"')
        admin.execute(f"CREATE ROLE \"{service}\" LOGIN PASSWORD '{role_password(admin_url, service, databases)}'")
        admin.execute(f'CREATE DATABASE "{service}" OWNER "{service}"')
        admin.execute(f'REVOKE ALL ON DATABASE "{service}" FROM PUBLIC')


def create_tables_and_seed(service: str, url: str) -> None:
    """A service's own tables, fresh, with its seed data, in the database at url."""
    db = Database(url)
    db.load_fresh([TABLES[service]], SEEDS.get(service, lambda conn: None))
    db.dispose()


def prepare(admin_url: str, databases: ServiceDatabases) -> None:
    """Every service's database, fresh and seeded (except where the deployment gave a service one)."""
    for service in TABLES:
        if not databases.given_url(service):
            create_role_and_database(admin_url, service, databases)
        create_tables_and_seed(service, service_database_url(admin_url, service, databases))


if __name__ == "__main__":
    prepare(Settings.from_environment().required_database_url(), ServiceDatabases.from_environment())
