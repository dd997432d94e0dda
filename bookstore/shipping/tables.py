"""Shipping's tables: order and account ids are plain values, not foreign keys into other contexts."""

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, func

metadata = MetaData()

shipments = Table(
    "shipments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_id", Integer, nullable=False, unique=True),
    Column("account_id", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("carrier", String(20), nullable=False),
    Column("tracking_number", String(40)),
    Column("eta_days", Integer, nullable=False),
    Column("cost_cents", Integer, nullable=False),
    Column("recipient", String(100), nullable=False),
    Column("street", String(200), nullable=False),
    Column("city", String(100), nullable=False),
    Column("postal_code", String(20), nullable=False),
    Column("country", String(2), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_shipments_account", "account_id"),
)
