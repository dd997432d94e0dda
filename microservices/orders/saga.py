"""Placing an order as a saga: each service commits its own step; a failed step is undone by compensations.

Steps: orders records a pending order -> catalog reserves stock -> shipping books the shipment ->
orders confirms. Calls that change state carry the idempotency key `order-<id>`, so a retried call
never reserves or ships twice.
"""

import logging

from bookstore.errors import BookstoreError, InvalidInput, Unavailable
from bookstore.orders import model, repository
from bookstore.orders import service as orders
from bookstore.retry_later import finish_later
from bookstore.schemas import OrderRequest
from microservices.service_client import CircuitOpen, NotDelivered, ServiceClient

log = logging.getLogger(__name__)
STEPS = ("reserve", "ship", "confirm")


class InjectedFailure(Unavailable):
    """A failure injected at a named step, to test compensations (only when FAULT_INJECTION=1)."""


def place_order(db, catalog: ServiceClient, shipping: ServiceClient, account_id: int, order: OrderRequest,
                fail_at: str | None = None) -> dict:  # fmt: skip
    """Run the saga; answers the confirmed order or raises the failed step's error after compensating."""
    requested = [(line.book_id, line.quantity) for line in order.items]
    address = order.shipping_address.model_dump()
    ids = ",".join(str(book_id) for book_id, _ in requested)
    prices = {p["book_id"]: p["price_cents"] for p in catalog.call("GET", "/prices", query={"ids": ids})["prices"]}
    try:
        lines = model.price_lines(requested, prices)
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    parcel = model.parcel_size(lines)
    query = {"book_id": lines[0].book_id, "quantity": parcel, "country": address["country"]}
    shipping_cents = shipping.call("GET", "/quote", query=query)["cost_cents"]
    with db.write() as conn:
        order_id = repository.add(conn, account_id, lines, shipping_cents, model.total_cents(lines, shipping_cents),
                                  address)  # fmt: skip
    key = f"order-{order_id}"
    attempted: list[str] = []  # a step whose answer was lost may still have happened: undo what was tried
    try:
        _maybe_fail("reserve", fail_at)
        reserved = [{"book_id": line.book_id, "quantity": line.quantity} for line in lines]
        catalog.call("PUT", f"/reservations/{key}", {"lines": reserved}, idempotency_key=key)
        _maybe_fail("ship", fail_at)
        shipment = {"account_id": account_id, "quantity": parcel, "address": address}
        attempted.append("ship")
        try:
            shipment_id = shipping.call("PUT", f"/shipments/{order_id}", shipment, idempotency_key=key)["shipment_id"]
        except (NotDelivered, CircuitOpen):
            attempted.remove("ship")  # it never reached shipping: nothing to cancel, and shipping may be down
            raise
        _maybe_fail("confirm", fail_at)
        with db.write() as conn:
            repository.confirm(conn, order_id, shipment_id)
            return orders.get_order(conn, account_id, order_id)
    except Exception:
        _compensate(db, catalog, shipping, order_id, key, attempted)
        raise


def _maybe_fail(step: str, fail_at: str | None) -> None:
    if step == fail_at:
        raise InjectedFailure(f"failure injected before step {step}")


def _compensate(
    db, catalog: ServiceClient, shipping: ServiceClient, order_id: int, key: str, attempted: list[str]
) -> None:
    """Undo the steps that were tried, newest first; each undo is idempotent, so it is repeated safely."""

    def undo() -> None:
        if "ship" in attempted:
            shipping.call("DELETE", f"/shipments/{order_id}", idempotency_key=key)
        # Released even when the reservation seemed to fail: it may have landed though its answer was lost.
        catalog.call("DELETE", f"/reservations/{key}", idempotency_key=key)
        with db.write() as conn:
            repository.mark_failed(conn, order_id)

    try:
        undo()
    except Unavailable:
        # The customer gets the error now; the undo waits for the service to come back.
        finish_later(undo, lambda error: isinstance(error, Unavailable), f"compensation of {key}")
    except BookstoreError:
        log.exception("compensation of %s failed: the consistency check will report it", key)
