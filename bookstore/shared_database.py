"""One database holding every bounded context's tables (monolith, three-tier, SOA), created fresh and seeded."""

import argparse

from sqlalchemy.engine import Connection

from bookstore import seed
from bookstore.accounts.tables import metadata as accounts
from bookstore.catalog.tables import metadata as catalog
from bookstore.database import Database
from bookstore.orders.tables import metadata as orders
from bookstore.settings import SeedSettings, Settings
from bookstore.shipping.tables import metadata as shipping

ALL_CONTEXTS = (accounts, catalog, orders, shipping)


def prepare(url: str, books: int, accounts_count: int) -> None:
    """Drop and recreate every table in the one database, then seed it."""

    def seed_all(conn: Connection) -> None:
        seed.seed_catalog(conn, books)
        seed.seed_accounts(conn, accounts_count)

    db = Database(url)
    db.load_fresh(ALL_CONTEXTS, seed_all)
    db.dispose()


def main() -> None:
    """Command line: python -m bookstore.shared_database [--books N] [--accounts M], on DATABASE_URL."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    seeds = SeedSettings.from_environment()
    parser.add_argument("--books", type=int, default=seeds.books)
    parser.add_argument("--accounts", type=int, default=seeds.accounts)
    args = parser.parse_args()
    prepare(Settings.from_environment().required_database_url(), args.books, args.accounts)


if __name__ == "__main__":
    main()
