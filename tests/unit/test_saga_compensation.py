"""The saga: the order workflow as calls to the services that own each step (its rules: test_order_workflow)."""

import pytest

from bookstore.database import Database
from bookstore.errors import Unavailable
from bookstore.input_rules import OrderRequest
from bookstore.orders.tables import metadata
from microservices.orders.saga import place_order
from microservices.service_client import NoAnswer, NotDelivered

ORDER = OrderRequest.model_validate(
    {
        "items": [{"book_id": 3, "quantity": 2}],
        "shipping_address": {"name": "Ada", "street": "1 Loop", "city": "X", "postal_code": "1", "country": "US"},
    }
)


class Service:
    """A service that records its calls and answers from a table; `failures`: (method, path prefix, error, times)."""

    def __init__(self, answers: dict, *failures: tuple[str, str, Exception, int]):
        self.answers, self.failures, self.calls = answers, [list(f) for f in failures], []

    def call(self, method: str, path: str, body=None, query=None, **_options) -> dict:
        self.calls.append((method, path))
        for failure in self.failures:
            if method == failure[0] and path.startswith(failure[1]) and failure[3] > 0:
                failure[3] -= 1
                raise failure[2]
        return self.answers.get(method, {})


PRICES = {"GET": {"prices": [{"book_id": 3, "price_cents": 1000}]}}
QUOTE = {"GET": {"cost_cents": 598}, "PUT": {"shipment_id": 21}}


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'orders.sqlite'}")
    database.create_schema(metadata)
    return database


def test_each_step_is_a_call_to_the_service_that_owns_it_with_the_order_as_its_key(db):
    catalog, shipping = Service(PRICES), Service(QUOTE)
    order = place_order(db, catalog, shipping, 1, ORDER)
    assert order["id"] == 1 and order["status"] == "confirmed" and order["shipment_id"] == 21
    assert catalog.calls == [("GET", "/prices"), ("PUT", "/reservations/order-1")]
    assert shipping.calls == [("GET", "/parcel-quote"), ("PUT", "/shipments/1")]


def test_a_booking_that_never_reached_shipping_is_not_cancelled_but_the_stock_is_released(db):
    catalog, shipping = Service(PRICES), Service(QUOTE, ("PUT", "/shipments/", NotDelivered("down"), 1))
    with pytest.raises(Unavailable):
        place_order(db, catalog, shipping, 1, ORDER)
    assert ("DELETE", "/reservations/order-1") in catalog.calls
    assert not any(method == "DELETE" for method, _ in shipping.calls)


def test_a_booking_whose_answer_was_lost_is_cancelled_before_the_stock_is_released(db):
    catalog, shipping = Service(PRICES), Service(QUOTE, ("PUT", "/shipments/", NoAnswer("no answer"), 10**6))
    with pytest.raises(Unavailable):
        place_order(db, catalog, shipping, 1, ORDER)
    assert ("DELETE", "/shipments/1") in shipping.calls and ("DELETE", "/reservations/order-1") in catalog.calls
