"""Placing an order, a composite service run by the bus: each step one provider call, undone on failure."""

import contextvars
import logging
import threading

from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_after_delay, wait_exponential

from bookstore.errors import BookstoreError, InvalidInput, Unavailable
from bookstore.orders import model
from bookstore.schemas import OrderRequest
from soa.bus.client import Unanswered

log = logging.getLogger(__name__)
RETRY_NOW = {"stop": stop_after_attempt(1)}
# Long enough for a provider to be restarted; the bus's registry notices it within a heartbeat.
RETRY_LATER = {"stop": stop_after_delay(300), "wait": wait_exponential(multiplier=0.5, max=5)}


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
    undo = []
    if shipment_may_exist:
        undo.append(("Shipping", "CancelShipment", {"order_id": order_id}, True))
    undo.append(("Book", "ReleaseStock", {"lines": reserved}, False))  # not idempotent: never sent twice
    if order_id is not None:
        undo.append(("Order", "MarkFailed", {"order_id": order_id}, True))
    try:
        _undo(call, undo, RETRY_NOW)
    except _Pending as pending:
        # The customer gets the error now; the undo waits for the provider in the background.
        log.warning("compensation of order %s waits for a provider: %s", order_id, pending.__cause__)
        context = contextvars.copy_context()
        threading.Thread(target=context.run, args=(_undo_later, call, pending.rest, order_id), daemon=True).start()
    except BookstoreError:
        log.exception("compensation failed: order %s may keep its stock %s", order_id, reserved)


class _Pending(Exception):
    """Undo steps left after one could not be delivered yet."""

    def __init__(self, rest: list[tuple]):
        super().__init__(f"{len(rest)} undo step(s) left")
        self.rest = rest


def _may_repeat(step_idempotent: bool):
    # A step whose message never reached a provider did not happen, so it may be sent again; one whose
    # answer was lost may only be repeated when repeating it changes nothing.
    return lambda error: isinstance(error, Unavailable) and (step_idempotent or not isinstance(error, Unanswered))


def _undo(call, steps: list[tuple], retry: dict) -> None:
    for index, (service, operation, payload, idempotent) in enumerate(steps):
        try:
            Retrying(retry=retry_if_exception(_may_repeat(idempotent)), reraise=True, **retry)(
                call, service, operation, payload
            )
        except Unavailable as error:
            if not _may_repeat(idempotent)(error):
                raise
            raise _Pending(steps[index:]) from error


def _undo_later(call, steps: list[tuple], order_id: int | None) -> None:
    try:
        _undo(call, steps, RETRY_LATER)
        log.warning("compensation of order %s completed late", order_id)
    except (_Pending, BookstoreError):
        log.exception("compensation failed: order %s may keep its stock (undo steps %s)", order_id, steps)
