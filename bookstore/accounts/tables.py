"""Accounts' tables: they reference no table of another context."""

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, func

metadata = MetaData()

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),  # stored lower-cased
    Column("name", String(100), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
