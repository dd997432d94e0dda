"""Accounts' tables: they reference no table of another context."""

from sqlalchemy import Column, DateTime, Float, Index, Integer, MetaData, String, Table, func

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

# Failed log-ins counted per subject ("account:<email>" or "address:<client address>") in a window that starts
# with the first failure: the throttle's state lives here, so every replica of whatever checks log-ins shares it.
login_failures = Table(
    "login_failures",
    metadata,
    Column("subject", String(300), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_started", Float, nullable=False),  # seconds since the epoch: the same on SQLite and PostgreSQL
    Index("login_failures_by_window_start", "window_started"),  # expired windows are pruned by it
)
