"""Orders' own use cases over their records; placing an order, which reaches other contexts, is workflow.py."""

from bookstore.errors import NotFound
from bookstore.orders import model, repository


def record(conn, account_id: int, lines: list[model.Line], shipping_cents: int, total_cents: int, address: dict) -> int:
    """Record a pending order with its lines; returns its id (placing it: workflow.py)."""
    return repository.add(conn, account_id, lines, shipping_cents, total_cents, address)


def confirm(conn, account_id: int, order_id: int, shipment_id: int) -> dict:
    """Confirm an order with its shipment; the order as the contract shows it."""
    repository.confirm(conn, order_id, shipment_id)
    return get_order(conn, account_id, order_id)


def mark_failed(conn, order_id: int) -> None:
    """Mark an order that could not be completed; it never shows among the account's orders."""
    repository.mark_failed(conn, order_id)


def get_order(conn, account_id: int, order_id: int) -> dict:
    """One of the account's orders; NotFound for anyone else's."""
    order = repository.confirmed_of(conn, account_id, order_id)
    if order is None:
        raise NotFound(f"order {order_id} not found")
    return order


def list_orders(conn, account_id: int) -> dict:
    """The account's newest orders."""
    return {"items": repository.newest_confirmed(conn, account_id)}
