"""What orders needs from other contexts; each architecture plugs in its own adapter."""

from typing import Protocol


class Inventory(Protocol):
    """Prices and stock, owned by the catalog context."""

    def prices(self, book_ids: list[int]) -> dict[int, int]:
        """Unit price per book; NotFound for an unknown book."""

    def reserve(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        """Take stock for all lines or none; Conflict(out_of_stock) when short."""


class Shipping(Protocol):
    """Quotes and shipments, owned by the shipping context."""

    def quote(self, quantity: int, country: str) -> dict:
        """{cost_cents, eta_days} for a parcel."""

    def create_shipment(self, order_id: int, account_id: int, address: dict, quantity: int) -> int:
        """Book the shipment of an order; returns its id."""
