"""Catalog's tables: they reference no table of another context."""

from sqlalchemy import CheckConstraint, Column, Integer, MetaData, String, Table, Text

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
