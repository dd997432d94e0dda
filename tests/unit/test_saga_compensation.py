"""The order saga undoes only what may have happened: a booking that never reached shipping is not cancelled."""

import pytest

from bookstore.database import Database
from bookstore.errors import Unavailable
from bookstore.orders.tables import metadata
from bookstore.schemas import OrderRequest
from microservices.orders.saga import place_order
from microservices.service_client import NotDelivered, Unreachable

ORDER = OrderRequest.model_validate({
    "items": [{"book_id": 3, "quantity": 2}],
    "shipping_address": {"name": "Ada", "street": "1 Loop", "city": "X", "postal_code": "1", "country": "US"},
})  # fmt: skip


class Service:
    """A service that records its calls, answers from a table, and fails one (method, path prefix)."""

    def __init__(self, answers: dict, failing: tuple[str, str] | None = None, error: Exception | None = None):
        self.answers, self.failing, self.error, self.calls = answers, failing, error, []

    def call(self, method: str, path: str, body=None, query=None, **_options) -> dict:
        self.calls.append((method, path))
        if self.failing and method == self.failing[0] and path.startswith(self.failing[1]):
            raise self.error
        return self.answers.get(method, {})


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'orders.sqlite'}")
    database.create_schema(metadata)
    return database


def run(db, shipping_error: Exception) -> tuple[Service, Service]:
    catalog = Service({"GET": {"prices": [{"book_id": 3, "price_cents": 1000}]}})
    shipping = Service({"GET": {"cost_cents": 598}}, ("PUT", "/shipments/"), shipping_error)
    with pytest.raises(Unavailable):
        place_order(db, catalog, shipping, 1, ORDER)
    return catalog, shipping


def test_a_booking_that_never_reached_shipping_is_not_cancelled_but_the_stock_is_released(db):
    catalog, shipping = run(db, NotDelivered("the shipping service is unavailable"))
    assert ("DELETE", "/reservations/order-1") in catalog.calls
    assert not any(method == "DELETE" for method, _ in shipping.calls)


def test_a_booking_whose_answer_was_lost_is_cancelled_before_the_stock_is_released(db):
    catalog, shipping = run(db, Unreachable("the shipping service is unavailable"))
    assert ("DELETE", "/shipments/1") in shipping.calls
    assert ("DELETE", "/reservations/order-1") in catalog.calls
