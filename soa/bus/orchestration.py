"""Placing an order, a composite service run by the bus: each step one provider call, undone on failure."""

import logging

from bookstore.errors import BookstoreError, InvalidInput
from bookstore.orders import model
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
    try:
        if shipment_may_exist:
            call("Shipping", "CancelShipment", {"order_id": order_id})
        call("Book", "ReleaseStock", {"lines": reserved})
        if order_id is not None:
            call("Order", "MarkFailed", {"order_id": order_id})
    except BookstoreError:
        log.exception("compensation failed: stock %s may stay reserved for order %s", reserved, order_id)
