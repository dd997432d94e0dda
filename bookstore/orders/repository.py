"""Orders' data access (SQLAlchemy Core); the statements built once (see catalog/repository.py)."""

from datetime import UTC, datetime

from sqlalchemy import bindparam, insert, select, update

from bookstore.orders.model import Line
from bookstore.orders.tables import order_lines, orders

NEWEST_LIMIT = 50
_COLUMNS = (
    orders.c.id,
    orders.c.status,
    orders.c.total_cents,
    orders.c.shipping_cents,
    orders.c.shipment_id,
    orders.c.shipping_address,
    orders.c.created_at,
)
_ADD = insert(orders).returning(orders.c.id)
_ADD_LINES = insert(order_lines)
_SET_STATUS = update(orders).where(orders.c.id == bindparam("order_id")).values(status=bindparam("new_status"))
_CONFIRM = (
    update(orders)
    .where(orders.c.id == bindparam("order_id"))
    .values(status="confirmed", shipment_id=bindparam("shipment"))
)
_LINES = (
    select(order_lines)
    .where(order_lines.c.order_id.in_(bindparam("order_ids", expanding=True)))
    .order_by(order_lines.c.book_id)
)
_CONFIRMED_OF = select(*_COLUMNS).where(
    orders.c.id == bindparam("order_id"), orders.c.account_id == bindparam("account_id"), orders.c.status == "confirmed"
)
_NEWEST_CONFIRMED = (
    select(*_COLUMNS)
    .where(orders.c.account_id == bindparam("account_id"), orders.c.status == "confirmed")
    .order_by(orders.c.id.desc())
    .limit(NEWEST_LIMIT)
)


def add(conn, account_id: int, lines: list[Line], shipping_cents: int, total_cents: int, address: dict) -> int:
    """Record an order as pending with its lines; returns its id."""
    order = {
        "account_id": account_id,
        "status": "pending",
        "shipping_cents": shipping_cents,
        "total_cents": total_cents,
        "shipping_address": address,
    }
    order_id = conn.execute(_ADD, order).scalar_one()
    conn.execute(
        _ADD_LINES,
        [
            {
                "order_id": order_id,
                "book_id": li.book_id,
                "quantity": li.quantity,
                "unit_price_cents": li.unit_price_cents,
            }
            for li in lines
        ],
    )
    return order_id


def mark_failed(conn, order_id: int) -> None:
    """Mark an order that could not be completed; it never shows among the account's orders."""
    conn.execute(_SET_STATUS, {"order_id": order_id, "new_status": "failed"})


def confirm(conn, order_id: int, shipment_id: int) -> None:
    """Mark an order confirmed with its shipment."""
    conn.execute(_CONFIRM, {"order_id": order_id, "shipment": shipment_id})


def _utc_iso(moment: datetime) -> str:
    # SQLite hands back naive datetimes; every architecture stores UTC.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _with_lines(conn, rows) -> list[dict]:
    found = [dict(r._mapping) for r in rows]
    if not found:
        return []
    by_id = {o["id"]: o for o in found}
    for o in found:
        o["items"] = []
        o["created_at"] = _utc_iso(o["created_at"])
    line_rows = conn.execute(_LINES, {"order_ids": list(by_id)})
    for li in line_rows:
        by_id[li.order_id]["items"].append(
            {"book_id": li.book_id, "quantity": li.quantity, "unit_price_cents": li.unit_price_cents}
        )
    return found


def confirmed_of(conn, account_id: int, order_id: int) -> dict | None:
    """One confirmed order of the account, or None."""
    rows = conn.execute(_CONFIRMED_OF, {"order_id": order_id, "account_id": account_id})
    found = _with_lines(conn, rows)
    return found[0] if found else None


def newest_confirmed(conn, account_id: int) -> list[dict]:
    """The account's newest confirmed orders, newest first."""
    rows = conn.execute(_NEWEST_CONFIRMED, {"account_id": account_id})
    return _with_lines(conn, rows)
