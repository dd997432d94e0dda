"""Orders' use cases; other contexts are reached only through the ports."""

from bookstore.errors import InvalidInput, NotFound
from bookstore.orders import model, repository
from bookstore.orders.ports import Inventory, Shipping


def place_order(
    conn, account_id: int, requested: list[tuple[int, int]], address: dict, inventory: Inventory, shipping: Shipping
) -> dict:
    """Price, reserve, record and ship an order.

    Where one transaction spans every step (monolith, three-tier) a failure anywhere rolls all of
    it back; architectures without one wrap this in compensations of their own.
    """
    prices = inventory.prices([book_id for book_id, _ in requested])
    try:
        lines = model.price_lines(requested, prices)
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    shipping_cents = shipping.quote(model.parcel_size(lines), address["country"])["cost_cents"]
    order_id = repository.add(
        conn, account_id, lines, shipping_cents, model.total_cents(lines, shipping_cents), address
    )
    inventory.reserve(f"order-{order_id}", [(li.book_id, li.quantity) for li in lines])
    shipment_id = shipping.create_shipment(order_id, account_id, address, model.parcel_size(lines))
    repository.confirm(conn, order_id, shipment_id)
    return get_order(conn, account_id, order_id)


def get_order(conn, account_id: int, order_id: int) -> dict:
    """One of the account's orders; NotFound for anyone else's."""
    order = repository.confirmed_of(conn, account_id, order_id)
    if order is None:
        raise NotFound(f"order {order_id} not found")
    return order


def list_orders(conn, account_id: int) -> dict:
    """The account's newest orders."""
    return {"items": repository.newest_confirmed(conn, account_id)}
