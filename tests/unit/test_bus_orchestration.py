"""The bus's composite "place an order": every step through a provider, compensated when a later step fails."""

import time
from types import SimpleNamespace

import pytest
from tenacity import stop_after_attempt, wait_none

from bookstore import retry_later
from bookstore.errors import Conflict, Unavailable
from bookstore.schemas import OrderRequest
from soa.bus.client import Unanswered
from soa.bus.mediation import BusStore
from soa.bus.orchestration import place_order

ORDER = OrderRequest.model_validate({
    "items": [{"book_id": 3, "quantity": 2}],
    "shipping_address": {"name": "Ada", "street": "1 Loop", "city": "X", "postal_code": "1", "country": "US"},
})  # fmt: skip
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


def test_an_order_runs_every_step_in_order_and_answers_the_confirmed_order():
    providers = Providers()
    assert place_order(providers, 1, ORDER) == {"id": 11, "status": "confirmed"}
    assert providers.operations() == ["GetProfile", "GetPrices", "Quote", "ReserveStock", "RecordOrder",
                                      "CreateShipment", "ConfirmOrder"]  # fmt: skip
    record = providers.calls[4][2]
    assert record["total_cents"] == 2 * 1000 + 598
    assert record["lines"] == [{"book_id": 3, "quantity": 2, "unit_price_cents": 1000}]


@pytest.mark.parametrize("failing", ["RecordOrder", "CreateShipment", "ConfirmOrder"])
def test_a_step_failing_after_the_reservation_releases_the_stock(failing):
    providers = Providers(failing)
    with pytest.raises(Unavailable):
        place_order(providers, 1, ORDER)
    assert "ReleaseStock" in providers.operations()
    released = next(payload for _, operation, payload in providers.calls if operation == "ReleaseStock")
    assert released == {"lines": [{"book_id": 3, "quantity": 2}]}
    assert ("MarkFailed" in providers.operations()) == (failing != "RecordOrder")
    assert ("CancelShipment" in providers.operations()) == (failing == "ConfirmOrder")  # only a booked one


def test_a_shipment_whose_answer_was_lost_is_cancelled_before_the_stock_is_released():
    providers = Providers("CreateShipment", Unanswered("the Shipping service did not answer"))
    with pytest.raises(Unavailable):
        place_order(providers, 1, ORDER)
    assert providers.operations()[-3:] == ["CancelShipment", "ReleaseStock", "MarkFailed"]


def test_with_shipping_down_the_stock_is_released_and_the_order_marked_failed_without_asking_shipping():
    providers = Providers("CreateShipment", Unavailable("no instance of the Shipping service is available"))
    with pytest.raises(Unavailable):
        place_order(providers, 1, ORDER)
    assert providers.operations()[-2:] == ["ReleaseStock", "MarkFailed"]
    assert "CancelShipment" not in providers.operations()


def test_an_order_short_of_stock_reserves_nothing_and_needs_no_compensation():
    providers = Providers("ReserveStock", Conflict("not enough stock", code="out_of_stock"))
    with pytest.raises(Conflict):
        place_order(providers, 1, ORDER)
    assert providers.operations()[-1] == "ReserveStock"


def test_mediation_routes_each_use_case_to_its_service_operation():
    providers = Providers()
    store = BusStore(SimpleNamespace(call=providers), "s" * 40)
    store.get_book(5)
    store.get_shipment(1, 21)
    assert providers.calls == [("Book", "GetBook", {"book_id": 5}),
                               ("Shipping", "Track", {"account_id": 1, "shipment_id": 21})]  # fmt: skip


class FlakyProviders(Providers):
    """Fails the named operation the first `times` calls, as a provider does until it is restarted."""

    def __init__(self, failing: str, times: int, error: Exception):
        super().__init__()
        self.flaky, self.times, self.flaky_error = failing, times, error

    def __call__(self, service: str, operation: str, payload: dict) -> dict:
        if operation == self.flaky and self.times > 0:
            self.calls.append((service, operation, payload))
            self.times -= 1
            raise self.flaky_error
        return super().__call__(service, operation, payload)


def wait_for(providers: Providers, operation: str) -> bool:
    deadline = time.monotonic() + 60  # a generous wait for a background thread on a busy machine
    while operation not in providers.operations() and time.monotonic() < deadline:
        time.sleep(0.01)
    return operation in providers.operations()


@pytest.fixture
def retry_at_once(monkeypatch):
    monkeypatch.setattr(retry_later, "RETRY_LATER", {"stop": stop_after_attempt(5), "wait": wait_none()})


def test_an_undo_that_cannot_be_delivered_now_is_finished_in_the_background(retry_at_once):
    providers = FlakyProviders("CancelShipment", 2, Unavailable("no instance of the Shipping service is available"))
    providers.failing, providers.error = "ConfirmOrder", Unavailable("down")
    with pytest.raises(Unavailable):
        place_order(providers, 1, ORDER)  # the customer hears of the failure at once
    assert wait_for(providers, "MarkFailed")
    assert providers.operations().count("CancelShipment") == 3
    assert providers.operations().count("ReleaseStock") == 1


def test_a_stock_release_whose_answer_was_lost_is_never_sent_twice(retry_at_once):
    providers = FlakyProviders("ReleaseStock", 1, Unanswered("the Book service did not answer"))
    providers.failing, providers.error = "ConfirmOrder", Unavailable("down")
    with pytest.raises(Unavailable):
        place_order(providers, 1, ORDER)
    assert providers.operations().count("ReleaseStock") == 1 and "MarkFailed" not in providers.operations()
