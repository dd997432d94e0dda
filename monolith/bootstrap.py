"""The monolith's composition root: every port is answered in-process, over one database."""

import os
from pathlib import Path

from bookstore.accounts.tokens import token_secret
from bookstore.database import Database
from bookstore.inprocess import InProcessStore
from bookstore.replicas import ReadSettings

DEFAULT_SQLITE = Path(__file__).resolve().parent.parent / "var" / "monolith.sqlite"


def database_url() -> str:
    """DATABASE_URL (PostgreSQL: the two-tier variant), else the embedded SQLite file."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def bootstrap(url: str | None = None) -> InProcessStore:
    """Wire the in-process Store to the monolith's one database."""
    return InProcessStore(Database(url or database_url(), ReadSettings.from_environment()), token_secret())
