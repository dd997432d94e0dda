"""The order saga undoes only what may have happened: a booking that never reached shipping is not cancelled."""

import time

import pytest
from tenacity import stop_after_attempt, wait_none

from bookstore import retry_later
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


ALWAYS = 10**6
PRICES = {"GET": {"prices": [{"book_id": 3, "price_cents": 1000}]}}


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'orders.sqlite'}")
    database.create_schema(metadata)
    return database


def run(db, shipping_error: Exception, *more_failures) -> tuple[Service, Service]:
    catalog = Service(PRICES)
    shipping = Service({"GET": {"cost_cents": 598}}, ("PUT", "/shipments/", shipping_error, ALWAYS), *more_failures)
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


def test_an_undo_that_fails_while_shipping_is_down_is_finished_in_the_background(db, monkeypatch):
    monkeypatch.setattr(retry_later, "RETRY_LATER", {"stop": stop_after_attempt(5), "wait": wait_none()})
    down = NotDelivered("the shipping service is unavailable")
    catalog, shipping = run(db, Unreachable("no answer"), ("DELETE", "/shipments/", down, 2))
    deadline = time.monotonic() + 60  # a generous wait for a background thread on a busy machine
    while ("DELETE", "/reservations/order-1") not in catalog.calls and time.monotonic() < deadline:
        time.sleep(0.01)
    assert shipping.calls.count(("DELETE", "/shipments/1")) == 3  # twice refused, then done
    assert ("DELETE", "/reservations/order-1") in catalog.calls
