"""The monolith's composition root: every port is answered in-process, over one database."""

from pathlib import Path

from bookstore.database import Database
from bookstore.inprocess import InProcessStore
from bookstore.settings import Settings

DEFAULT_SQLITE = Path(__file__).resolve().parent.parent / "var" / "monolith.sqlite"


def bootstrap(settings: Settings) -> InProcessStore:
    """Wire the in-process Store to the monolith's one database: DATABASE_URL (PostgreSQL: the two-tier
    variant), else the embedded SQLite file."""
    if not settings.database_url:
        settings = settings.with_database_url(f"sqlite:///{DEFAULT_SQLITE}")
    return InProcessStore(Database.for_server(settings), settings)
