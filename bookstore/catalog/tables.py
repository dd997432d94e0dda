"""Catalog's tables: they reference no table of another context."""

from sqlalchemy import JSON, CheckConstraint, Column, Integer, MetaData, String, Table, Text

metadata = MetaData()

books = Table(
    "books",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("author", String(200), nullable=False),
    # Lower-cased copy of title and author: search compares against it without lower() per row.
    Column("search_text", String(401), nullable=False),
    Column("isbn", String(17), nullable=False, unique=True),
    Column("price_cents", Integer, nullable=False),
    Column("stock", Integer, nullable=False),
    Column("description", Text, nullable=False),
    CheckConstraint("stock >= 0", name="stock_never_negative"),
    CheckConstraint("price_cents > 0", name="price_positive"),
)

# Stock taken for an order placed by a saga (microservices): keyed by the caller's idempotency key,
# so a retried reservation takes stock once, and a release gives it back once.
reservations = Table(
    "reservations",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("lines", JSON, nullable=False),
    Column("status", String(20), nullable=False),  # reserved | released
)
