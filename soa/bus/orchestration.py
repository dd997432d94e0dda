"""Placing an order, a composite service run by the bus: each step one provider call, undone on failure."""

import logging

from bookstore.errors import BookstoreError, InvalidInput, Unavailable
from bookstore.orders import model
from bookstore.retry_later import finish_later
from bookstore.schemas import OrderRequest
from soa.bus.client import Unanswered

log = logging.getLogger(__name__)


def place_order(call, account_id: int, order: OrderRequest) -> dict:
    """Check the account, price, quote, reserve, record, ship, confirm; undo what was done if a later step fails.

    There is no transaction across providers: after ReserveStock, a failure is undone by compensations.
    """
    requested = [(line.book_id, line.quantity) for line in order.items]
    address = order.shipping_address.model_dump()
    call("Account", "GetProfile", {"account_id": account_id})
    answer = call("Book", "GetPrices", {"book_ids": [book_id for book_id, _ in requested]})
    prices = {entry["book_id"]: entry["price_cents"] for entry in answer["prices"]}
    try:
        lines = model.price_lines(requested, prices)
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    parcel = model.parcel_size(lines)
    shipping_cents = call("Shipping", "Quote", {"quantity": parcel, "country": address["country"]})["cost_cents"]
    reserved = [{"book_id": line.book_id, "quantity": line.quantity} for line in lines]
    call("Book", "ReserveStock", {"lines": reserved})
    order_id, shipment_may_exist = None, False
    try:
        order_id = call("Order", "RecordOrder", {
            "account_id": account_id, "shipping_cents": shipping_cents, "address": address,
            "total_cents": model.total_cents(lines, shipping_cents),
            "lines": [{**line, "unit_price_cents": prices[line["book_id"]]} for line in reserved],
        })["order_id"]  # fmt: skip
        try:
            shipment = call("Shipping", "CreateShipment", {
                "order_id": order_id, "account_id": account_id, "address": address, "quantity": parcel,
            })  # fmt: skip
        except Unanswered:
            shipment_may_exist = True  # it reached Shipping, whose answer was lost: it may have been booked
            raise
        shipment_may_exist = True
        return call("Order", "ConfirmOrder", {
            "account_id": account_id, "order_id": order_id, "shipment_id": shipment["shipment_id"],
        })  # fmt: skip
    except Exception:
        _compensate(call, reserved, order_id, shipment_may_exist)
        raise


def _compensate(call, reserved: list[dict], order_id: int | None, shipment_may_exist: bool) -> None:
    # A fault, or a message no instance took, means the step did not happen: only what may have happened is
    # undone. So a Shipping service that is down does not need to be asked to cancel what it never booked.
    steps = []
    if shipment_may_exist:
        steps.append(("Shipping", "CancelShipment", {"order_id": order_id}, True))
    steps.append(("Book", "ReleaseStock", {"lines": reserved}, False))  # not idempotent: never sent twice
    if order_id is not None:
        steps.append(("Order", "MarkFailed", {"order_id": order_id}, True))
    try:
        _undo(call, steps)
    except BookstoreError as error:
        if not _may_repeat(steps, error):
            log.exception("compensation failed: order %s may keep its stock %s", order_id, reserved)
            return
        # The customer gets the error now; the rest of the undo waits for the provider.
        finish_later(lambda: _undo(call, steps), lambda e: _may_repeat(steps, e), f"compensation of order {order_id}")


def _undo(call, steps: list[tuple]) -> None:
    """Send the undo steps in order, dropping each once done, so that a repeat carries on where it stopped."""
    while steps:
        service, operation, payload, _ = steps[0]
        call(service, operation, payload)
        steps.pop(0)


def _may_repeat(steps: list[tuple], error: BaseException) -> bool:
    # A step whose message never reached a provider did not happen, so it may be sent again; one whose
    # answer was lost may only be repeated when repeating it changes nothing.
    idempotent = steps[0][3]
    return isinstance(error, Unavailable) and (idempotent or not isinstance(error, Unanswered))
