"""What placing an order needs from its own records and from the other contexts; each architecture plugs in
its adapters (in process, through the bus, over HTTP) and the workflow (workflow.py) stays one."""

from typing import Any, Protocol

from bookstore.orders.model import Line


class OrderBook(Protocol):
    """The orders context's own records of an order."""

    def record(
        self, account_id: int, lines: list[Line], shipping_cents: int, total_cents: int, address: dict[str, Any]
    ) -> int:
        """Record a pending order; returns its id."""

    def confirm(self, account_id: int, order_id: int, shipment_id: int) -> dict[str, Any]:
        """Confirm the order with its shipment; returns it as the contract shows it."""

    def mark_failed(self, order_id: int) -> None:
        """An order that could not be completed: it never shows among the account's orders."""


class Inventory(Protocol):
    """Prices and stock, owned by the catalog context."""

    release_is_idempotent: bool  # may a release be sent for stock that was perhaps never taken, or twice?

    def prices(self, book_ids: list[int]) -> dict[int, int]:
        """Unit price per book; NotFound for an unknown book."""

    def reserve(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        """Take stock for all lines or none; Conflict(out_of_stock) when short."""

    def release(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        """Give back the stock an order took."""


class Shipping(Protocol):
    """Quotes and shipments, owned by the shipping context."""

    def quote(self, quantity: int, country: str) -> dict[str, Any]:
        """{cost_cents, eta_days} for a parcel."""

    def create_shipment(self, order_id: int, account_id: int, address: dict[str, Any], quantity: int) -> int:
        """Book the shipment of an order; returns its id."""

    def cancel_shipment(self, order_id: int) -> None:
        """Cancel the order's shipment if there is one; safe to repeat."""


class Accounts(Protocol):
    """The accounts context, where an architecture checks the buyer before an order (the SOA's composite)."""

    def check(self, account_id: int) -> None:
        """NotFound or Unauthorized unless the account exists."""
