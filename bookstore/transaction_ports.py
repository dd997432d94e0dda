"""The order workflow's ports answered in process, each context's service inside the order's one transaction
(the monolith and the three-tier application tier): a failure rolls every step back at once."""

from typing import Any

from sqlalchemy import Connection

from bookstore.catalog import service as catalog
from bookstore.orders import service as orders
from bookstore.orders.model import Line
from bookstore.shipping import service as shipping


class InProcessOrderBook:
    """The workflow's OrderBook: the orders service inside the order's one transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def record(
        self, account_id: int, lines: list[Line], shipping_cents: int, total_cents: int, address: dict[str, Any]
    ) -> int:
        """Record the pending order."""
        return orders.record(self.conn, account_id, lines, shipping_cents, total_cents, address)

    def confirm(self, account_id: int, order_id: int, shipment_id: int) -> dict[str, Any]:
        """Confirm it."""
        return orders.confirm(self.conn, account_id, order_id, shipment_id)

    def mark_failed(self, order_id: int) -> None:
        """Never called here: the transaction's rollback undoes the order."""
        orders.mark_failed(self.conn, order_id)


class InProcessInventory:
    """Orders' Inventory port answered by the catalog service inside the order's transaction."""

    release_is_idempotent = False  # never needed: the transaction's rollback gives the stock back

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def prices(self, book_ids: list[int]) -> dict[int, int]:
        """Unit price per book."""
        return catalog.prices(self.conn, book_ids)

    def reserve(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        """Take stock; the shared transaction undoes it if the order fails later (no key needed)."""
        catalog.reserve(self.conn, lines)

    def release(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        """Give the stock back."""
        catalog.release(self.conn, lines)


class InProcessShipping:
    """Orders' Shipping port answered by the shipping service inside the order's transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def quote(self, quantity: int, country: str) -> dict[str, Any]:
        """Price a parcel."""
        return shipping.quote(quantity, country)

    def create_shipment(self, order_id: int, account_id: int, address: dict[str, Any], quantity: int) -> int:
        """Book the shipment."""
        return shipping.create_shipment(self.conn, order_id, account_id, address, quantity)

    def cancel_shipment(self, order_id: int) -> None:
        """Cancel it."""
        shipping.cancel_shipment(self.conn, order_id)
