"""Placing an order, a composite service run by the bus: the one order workflow over provider messages.

Every step of bookstore/orders/workflow.py is one SOAP message to the provider that owns it; there is no
transaction across providers, so a failed step is undone by compensating messages, as the workflow rules.
As the course's ESB does, the composite checks the account with the Account service first.
"""

from bookstore.input_rules import OrderRequest
from bookstore.orders.model import Line
from bookstore.orders.workflow import PlaceOrder


class BusAccounts:
    """Account.GetProfile: the composite's first step."""

    def __init__(self, call):
        self.call = call

    def check(self, account_id: int) -> None:
        self.call("Account", "GetProfile", {"account_id": account_id})


class BusInventory:
    """The Book provider's prices and stock; reservations carry the order's key, so their undo is idempotent."""

    release_is_idempotent = True

    def __init__(self, call):
        self.call = call

    def prices(self, book_ids: list[int]) -> dict[int, int]:
        answer = self.call("Book", "GetPrices", {"book_ids": book_ids})
        return {entry["book_id"]: entry["price_cents"] for entry in answer["prices"]}

    def reserve(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        self.call("Book", "ReserveStock", {"order_ref": order_ref, "lines": _lines(lines)})

    def release(self, order_ref: str, lines: list[tuple[int, int]]) -> None:
        self.call("Book", "ReleaseStock", {"order_ref": order_ref})


class BusShipping:
    """The Shipping provider's quotes and shipments."""

    def __init__(self, call):
        self.call = call

    def quote(self, quantity: int, country: str) -> dict:
        return self.call("Shipping", "Quote", {"quantity": quantity, "country": country})

    def create_shipment(self, order_id: int, account_id: int, address: dict, quantity: int) -> int:
        payload = {"order_id": order_id, "account_id": account_id, "address": address, "quantity": quantity}
        return self.call("Shipping", "CreateShipment", payload)["shipment_id"]

    def cancel_shipment(self, order_id: int) -> None:
        self.call("Shipping", "CancelShipment", {"order_id": order_id})


class BusOrderBook:
    """The Order provider's records."""

    def __init__(self, call):
        self.call = call

    def record(self, account_id: int, lines: list[Line], shipping_cents: int, total_cents: int, address: dict) -> int:
        return self.call(
            "Order",
            "RecordOrder",
            {
                "account_id": account_id,
                "shipping_cents": shipping_cents,
                "total_cents": total_cents,
                "address": address,
                "lines": [
                    {"book_id": li.book_id, "quantity": li.quantity, "unit_price_cents": li.unit_price_cents}
                    for li in lines
                ],
            },
        )["order_id"]

    def confirm(self, account_id: int, order_id: int, shipment_id: int) -> dict:
        return self.call(
            "Order", "ConfirmOrder", {"account_id": account_id, "order_id": order_id, "shipment_id": shipment_id}
        )

    def mark_failed(self, order_id: int) -> None:
        self.call("Order", "MarkFailed", {"order_id": order_id})


def _lines(lines: list[tuple[int, int]]) -> list[dict]:
    return [{"book_id": book_id, "quantity": quantity} for book_id, quantity in lines]


def place_order(call, account_id: int, order: OrderRequest) -> dict:
    """The composite: the order workflow, each step a message through `call(service, operation, payload)`."""
    place = PlaceOrder(BusOrderBook(call), BusInventory(call), BusShipping(call), accounts=BusAccounts(call))
    requested = [(line.book_id, line.quantity) for line in order.items]
    return place(account_id, requested, order.shipping_address.model_dump())
