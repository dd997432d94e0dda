"""Placing an order as a saga: the one order workflow, each step committed by the service that owns it.

The orders service records and confirms in its own database; the catalog reserves stock and shipping books
the shipment over HTTP. Calls that change state carry the idempotency key `order-<id>`, so a retried call
never reserves or ships twice, and every undo may be repeated: the workflow (bookstore/orders/workflow.py)
undoes whatever may have happened, newest first, finishing in the background what cannot be done now.
"""

from bookstore.errors import Unavailable
from bookstore.input_rules import OrderRequest
from bookstore.orders import service as orders
from bookstore.orders.model import Line
from bookstore.orders.workflow import PlaceOrder
from microservices.service_client import ServiceClient


class InjectedFailure(Unavailable):
    """A failure injected before a named step, to test compensations (only when FAULT_INJECTION=1)."""


class OwnOrderBook:
    """The orders service's own records: each step a transaction of its own in its own database."""

    def __init__(self, db):
        self.db = db

    def record(self, account_id: int, lines: list[Line], shipping_cents: int, total_cents: int, address: dict) -> int:
        with self.db.write() as conn:
            return orders.record(conn, account_id, lines, shipping_cents, total_cents, address)

    def confirm(self, account_id: int, order_id: int, shipment_id: int) -> dict:
        with self.db.write() as conn:
            return orders.confirm(conn, account_id, order_id, shipment_id)

    def mark_failed(self, order_id: int) -> None:
        with self.db.write() as conn:
            orders.mark_failed(conn, order_id)


class CatalogInventory:
    """The catalog service's prices and reservations, keyed by the order."""

    release_is_idempotent = True  # DELETE /reservations/{key} releases once; an unknown key leaves a tombstone

    def __init__(self, catalog: ServiceClient):
        self.catalog = catalog

    def prices(self, book_ids: list[int]) -> dict[int, int]:
        found = self.catalog.call("GET", "/prices", query={"ids": ",".join(map(str, book_ids))})["prices"]
        return {entry["book_id"]: entry["price_cents"] for entry in found}

    def reserve(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        body = {"lines": [{"book_id": book_id, "quantity": quantity} for book_id, quantity in lines]}
        self.catalog.call("PUT", f"/reservations/{order_ref}", body, idempotency_key=order_ref)

    def release(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        self.catalog.call("DELETE", f"/reservations/{order_ref}", idempotency_key=order_ref)


class ShippingService:
    """The shipping service's quotes and shipments, a shipment booked once per order."""

    def __init__(self, shipping: ServiceClient):
        self.shipping = shipping

    def quote(self, quantity: int, country: str) -> dict:
        return self.shipping.call("GET", "/parcel-quote", query={"quantity": quantity, "country": country})

    def create_shipment(self, order_id: int, account_id: int, address: dict, quantity: int) -> int:
        body = {"account_id": account_id, "quantity": quantity, "address": address}
        key = f"order-{order_id}"
        return self.shipping.call("PUT", f"/shipments/{order_id}", body, idempotency_key=key)["shipment_id"]

    def cancel_shipment(self, order_id: int) -> None:
        self.shipping.call("DELETE", f"/shipments/{order_id}", idempotency_key=f"order-{order_id}")


def place_order(
    db,
    catalog: ServiceClient,
    shipping: ServiceClient,
    account_id: int,
    order: OrderRequest,
    fail_at: str | None = None,
) -> dict:
    """Run the saga; answers the confirmed order or raises the failed step's error after compensating."""

    def inject(step: str) -> None:
        if step == fail_at:
            raise InjectedFailure(f"failure injected before step {step}")

    place = PlaceOrder(OwnOrderBook(db), CatalogInventory(catalog), ShippingService(shipping), before_step=inject)
    requested = [(line.book_id, line.quantity) for line in order.items]
    return place(account_id, requested, order.shipping_address.model_dump())
