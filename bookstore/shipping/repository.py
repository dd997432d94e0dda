"""Shipping's data access (SQLAlchemy Core); the statements built once (see catalog/repository.py)."""

from sqlalchemy import bindparam, insert, select, update

from bookstore.shipping.tables import shipments

_TRACKING = (
    shipments.c.id,
    shipments.c.order_id,
    shipments.c.status,
    shipments.c.carrier,
    shipments.c.tracking_number,
    shipments.c.eta_days,
)
_ADD = insert(shipments).returning(shipments.c.id)
_SET_TRACKING = (
    update(shipments).where(shipments.c.id == bindparam("shipment_id")).values(tracking_number=bindparam("number"))
)
_TRACKING_OF = select(*_TRACKING).where(
    shipments.c.id == bindparam("shipment_id"), shipments.c.account_id == bindparam("account_id")
)
_ID_FOR_ORDER = select(shipments.c.id).where(shipments.c.order_id == bindparam("order_id"))


def add(conn, order_id: int, account_id: int, address: dict, carrier: str, eta_days: int, cost_cents: int) -> int:
    """Record a shipment with status label_created; returns its id."""
    row = {
        "order_id": order_id,
        "account_id": account_id,
        "status": "label_created",
        "carrier": carrier,
        "eta_days": eta_days,
        "cost_cents": cost_cents,
        "recipient": address["name"],
        "street": address["street"],
        "city": address["city"],
        "postal_code": address["postal_code"],
        "country": address["country"],
    }
    return conn.execute(_ADD, row).scalar_one()


def set_tracking_number(conn, shipment_id: int, tracking_number: str) -> None:
    """Label a shipment with its tracking number."""
    conn.execute(_SET_TRACKING, {"shipment_id": shipment_id, "number": tracking_number})


def tracking_of(conn, shipment_id: int, account_id: int) -> dict | None:
    """Tracking fields of the account's shipment, or None."""
    row = conn.execute(_TRACKING_OF, {"shipment_id": shipment_id, "account_id": account_id}).first()
    return dict(row._mapping) if row else None


def id_for_order(conn, order_id: int) -> int | None:
    """The shipment booked for an order, or None."""
    return conn.execute(_ID_FOR_ORDER, {"order_id": order_id}).scalar()


def cancel(conn, order_id: int) -> None:
    """Cancel the shipment of an order that did not go through."""
    conn.execute(update(shipments).where(shipments.c.order_id == order_id).values(status="cancelled"))


def statuses_by_order(conn) -> dict[int, str]:
    """Status of every shipment, by order id (consistency checks)."""
    return {row.order_id: row.status for row in conn.execute(select(shipments.c.order_id, shipments.c.status))}
