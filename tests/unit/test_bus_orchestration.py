"""The bus's composite "place an order": the order workflow as provider messages (its rules: test_order_workflow)."""

from types import SimpleNamespace

import pytest

from bookstore.errors import NotDelivered, Unavailable
from bookstore.input_rules import OrderRequest
from bookstore.settings import Settings
from soa.bus.client import Unanswered
from soa.bus.mediation import BusStore
from soa.bus.orchestration import place_order

ORDER = OrderRequest.model_validate(
    {
        "items": [{"book_id": 3, "quantity": 2}],
        "shipping_address": {"name": "Ada", "street": "1 Loop", "city": "X", "postal_code": "1", "country": "US"},
    }
)
ANSWERS = {
    "GetProfile": {"id": 1},
    "GetPrices": {"prices": [{"book_id": 3, "price_cents": 1000}]},
    "Quote": {"cost_cents": 598, "eta_days": 3},
    "ReserveStock": {"reserved": True},
    "RecordOrder": {"order_id": 11},
    "CreateShipment": {"shipment_id": 21},
    "ConfirmOrder": {"id": 11, "status": "confirmed"},
    "ReleaseStock": {"released": True},
    "MarkFailed": {"failed": True},
}


class Providers:
    """Records every call; fails the named operation."""

    def __init__(self, failing: str | None = None, error: Exception | None = None):
        self.calls, self.failing, self.error = [], failing, error or Unavailable("down")

    def __call__(self, service: str, operation: str, payload: dict) -> dict:
        self.calls.append((service, operation, payload))
        if operation == self.failing:
            raise self.error
        return ANSWERS.get(operation, {})

    def operations(self) -> list[str]:
        return [operation for _, operation, _ in self.calls]


def test_the_composite_sends_one_message_per_step_in_order_and_answers_the_confirmed_order():
    providers = Providers()
    assert place_order(providers, 1, ORDER) == {"id": 11, "status": "confirmed"}
    assert providers.operations() == [
        "GetProfile",
        "GetPrices",
        "Quote",
        "RecordOrder",
        "ReserveStock",
        "CreateShipment",
        "ConfirmOrder",
    ]
    payloads = {operation: payload for _, operation, payload in providers.calls}
    assert payloads["RecordOrder"]["total_cents"] == 2 * 1000 + 598
    assert payloads["RecordOrder"]["lines"] == [{"book_id": 3, "quantity": 2, "unit_price_cents": 1000}]
    assert payloads["ReserveStock"] == {"order_ref": "order-11", "lines": [{"book_id": 3, "quantity": 2}]}
    assert payloads["ConfirmOrder"] == {"account_id": 1, "order_id": 11, "shipment_id": 21}


def test_the_undo_is_sent_as_messages_that_name_the_order():
    providers = Providers("ConfirmOrder")
    with pytest.raises(Unavailable):
        place_order(providers, 1, ORDER)
    assert providers.calls[-3:] == [
        ("Shipping", "CancelShipment", {"order_id": 11}),
        ("Book", "ReleaseStock", {"order_ref": "order-11"}),
        ("Order", "MarkFailed", {"order_id": 11}),
    ]


def test_a_message_no_instance_took_did_not_happen_and_one_whose_answer_was_lost_may_have():
    down = Providers("CreateShipment", NotDelivered("no instance of the Shipping service is available"))
    with pytest.raises(Unavailable):
        place_order(down, 1, ORDER)
    assert "CancelShipment" not in down.operations()
    lost = Providers("CreateShipment", Unanswered("the Shipping service did not answer"))
    with pytest.raises(Unavailable):
        place_order(lost, 1, ORDER)
    assert lost.operations()[-3:] == ["CancelShipment", "ReleaseStock", "MarkFailed"]


def test_mediation_routes_each_use_case_to_its_service_operation():
    providers = Providers()
    store = BusStore(SimpleNamespace(call=providers), Settings(token_secret="s" * 40))
    store.get_book(5)
    store.get_shipment(1, 21)
    assert providers.calls == [
        ("Book", "GetBook", {"book_id": 5}),
        ("Shipping", "Track", {"account_id": 1, "shipment_id": 21}),
    ]
