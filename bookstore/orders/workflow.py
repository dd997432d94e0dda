"""Placing an order, written once for every architecture: its steps, and the rule for undoing them.

The steps: check the account (where the architecture asks for it), price the lines, quote the parcel,
record the order as pending, reserve the stock, book the shipment, confirm. Each architecture brings its
adapters of the ports (ports.py) and runs this where its architecture says: in the monolith and the
application tier inside one database transaction; in the SOA, in the bus, one provider message per step;
in the microservices, in the orders service, one HTTP call per step (the saga).

Where one transaction spans every step, a failure rolls all of them back and nothing is undone here
(compensate=False). Elsewhere each step commits on its own, so a failure undoes, newest first, every step
that may have happened:
  - a step that succeeded is undone;
  - a step whose request never arrived (NotDelivered), or that its component refused, did not happen;
  - a step whose answer was lost (AnswerLost) may have happened: it is undone where undoing it is safe even
    if it did not happen (an idempotent undo), else it is logged for the consistency check.
An undo that cannot reach its component now is finished in the background (retry_later), where repeating
it is safe; the customer gets the error at once.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from bookstore import deadline
from bookstore.errors import AnswerLost, BookstoreError, InvalidInput, NotDelivered, Unavailable
from bookstore.orders import model
from bookstore.orders.ports import Accounts, Inventory, OrderBook, Shipping
from bookstore.retry_later import finish_later

log = logging.getLogger(__name__)
STEPS = ("reserve", "ship", "confirm")  # the steps after which something may need undoing


@dataclass
class Undo:
    """One compensating action, and whether sending it again (or for a step that did not happen) is safe."""

    what: str
    action: Callable[[], None]
    idempotent: bool


def may_have_happened(error: BaseException) -> bool:
    """Whether a step that failed with `error` may still have taken effect."""
    if isinstance(error, AnswerLost):
        return True
    return not isinstance(error, BookstoreError)  # an error answer or an undelivered request: it did not


class PlaceOrder:
    """The workflow over one architecture's adapters; call it with (account_id, [(book_id, quantity)], address)."""

    def __init__(
        self,
        orders: OrderBook,
        inventory: Inventory,
        shipping: Shipping,
        *,
        accounts: Accounts | None = None,
        compensate: bool = True,
        before_step: Callable[[str], None] | None = None,
    ):
        """before_step(name) runs before each of STEPS: where a test injects a failure."""
        self.orders, self.inventory, self.shipping, self.accounts = orders, inventory, shipping, accounts
        self.compensate, self.before_step = compensate, before_step

    def __call__(self, account_id: int, requested: list[tuple[int, int]], address: dict) -> dict:
        if self.accounts:
            self.accounts.check(account_id)
        try:
            lines = model.price_lines(requested, self.inventory.prices([book_id for book_id, _ in requested]))
        except ValueError as error:
            raise InvalidInput(str(error)) from None
        parcel = model.parcel_size(lines)
        shipping_cents = self.shipping.quote(parcel, address["country"])["cost_cents"]
        total = model.total_cents(lines, shipping_cents)
        order_id = self.orders.record(account_id, lines, shipping_cents, total, address)
        key, taken = f"order-{order_id}", [(line.book_id, line.quantity) for line in lines]
        undo = [Undo(f"mark order {order_id} failed", lambda: self.orders.mark_failed(order_id), True)]
        try:
            release = Undo(
                f"release the stock of {key}",
                lambda: self.inventory.release(key, taken),
                self.inventory.release_is_idempotent,
            )
            self._step("reserve", undo, release, lambda: self.inventory.reserve(key, taken))
            cancel = Undo(
                f"cancel the shipment of order {order_id}", lambda: self.shipping.cancel_shipment(order_id), True
            )
            shipment_id = self._step(
                "ship", undo, cancel, lambda: self.shipping.create_shipment(order_id, account_id, address, parcel)
            )
            self._before("confirm")
            return self.orders.confirm(account_id, order_id, shipment_id)
        except Exception:
            if self.compensate:
                _compensate(undo, key)
            raise

    def _before(self, step: str) -> None:
        # A step the budget no longer covers is not begun: it fails as not done, and the steps before it are
        # undone as for any failure (its calls would refuse it too; a local step, confirm, is caught here).
        deadline.check(f"the {step} step")
        if self.before_step:
            self.before_step(step)

    def _step(self, name: str, undo: list[Undo], its_undo: Undo, action: Callable[[], object]):
        self._before(name)
        try:
            done = action()
        except Exception as error:
            if may_have_happened(error):
                if its_undo.idempotent:
                    undo.insert(0, its_undo)
                else:
                    log.error(
                        "%s: it may have happened and cannot safely be undone; the consistency check will show it",
                        its_undo.what,
                    )
            raise
        undo.insert(0, its_undo)
        return done


def _compensate(undo: list[Undo], key: str) -> None:
    # Undoing must not stop because the request that failed ran out of time, here or in the background.
    with deadline.suspended():
        try:
            _run(undo)
        except BookstoreError as error:
            if not _may_repeat(undo, error):
                log.exception("compensation of %s failed at %r: the consistency check will show it", key, undo[0].what)
                return
            finish_later(lambda: _run(undo), lambda e: _may_repeat(undo, e), f"compensation of {key}")


def _run(undo: list[Undo]) -> None:
    """Each undo in turn, dropped once done, so that a repeat carries on where the last attempt stopped."""
    while undo:
        undo[0].action()
        undo.pop(0)


def _may_repeat(undo: list[Undo], error: BaseException) -> bool:
    # An undo that never reached its component did not happen and may be sent again; one whose answer was
    # lost may be repeated only where repeating it changes nothing.
    return isinstance(error, Unavailable) and (undo[0].idempotent or isinstance(error, NotDelivered))
