"""The monolith's data placement: all four contexts in one database, created fresh and seeded."""

import argparse

from bookstore import seed
from bookstore.database import Database
from bookstore.schema import ALL_CONTEXTS
from monolith.bootstrap import database_url


def prepare(url: str, books: int, accounts: int) -> None:
    """Drop and recreate every table in the one database, then seed it."""
    db = Database(url)
    with db.engine.begin() as conn:
        for metadata in reversed(ALL_CONTEXTS):
            metadata.drop_all(conn)
        for metadata in ALL_CONTEXTS:
            metadata.create_all(conn)
        seed.seed_catalog(conn, books)
        seed.seed_accounts(conn, accounts)
    db.dispose()


def main() -> None:
    """Command line: python -m monolith.data [--books N] [--accounts M]."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--books", type=int, default=seed.book_count())
    parser.add_argument("--accounts", type=int, default=seed.account_count())
    args = parser.parse_args()
    prepare(database_url(), args.books, args.accounts)


if __name__ == "__main__":
    main()
