"""Against an edge run from its images (make test-containers sets EDGE_URL): a checkout, and concurrent orders.

Only the edge API is reachable here, not the database: so the concurrent orders go for a book whose stock is
small already, all of it and then some, and the edge must sell exactly what there was.
"""

import os
import threading

import pytest
import requests

EDGE = os.environ.get("EDGE_URL", "").rstrip("/")
ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "Springfield", "postal_code": "12345", "country": "US"}
TIMEOUT = 60

pytestmark = pytest.mark.skipif(not EDGE, reason="runs against an edge started from its images (EDGE_URL)")


def signed_in(reader: int) -> dict:
    body = {"email": f"reader{reader}@bookstore.test", "password": "bookstore-reader"}
    token = requests.post(f"{EDGE}/api/sessions", json=body, timeout=TIMEOUT).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_a_shopper_browses_orders_and_tracks_the_shipment():
    auth = signed_in(901)
    book = requests.get(f"{EDGE}/api/books", params={"page": 2}, timeout=TIMEOUT).json()["items"][0]
    quote = requests.get(
        f"{EDGE}/api/shipping/quote", params={"book_id": book["id"], "quantity": 1, "country": "US"}, timeout=TIMEOUT
    ).json()
    body = {"items": [{"book_id": book["id"], "quantity": 1}], "shipping_address": ADDRESS}
    order = requests.post(f"{EDGE}/api/orders", json=body, headers=auth, timeout=TIMEOUT).json()
    assert order["status"] == "confirmed" and order["shipping_cents"] == quote["cost_cents"]
    assert order["total_cents"] == book["price_cents"] + quote["cost_cents"]
    listed = requests.get(f"{EDGE}/api/orders", headers=auth, timeout=TIMEOUT).json()["items"]
    assert listed[0]["id"] == order["id"]
    shipment = requests.get(f"{EDGE}/api/shipments/{order['shipment_id']}", headers=auth, timeout=TIMEOUT).json()
    assert shipment["order_id"] == order["id"]


def scarce_book() -> dict:
    """A book with little stock left: at most 30 copies."""
    for page in range(1, 101):
        items = requests.get(f"{EDGE}/api/books", params={"page": page, "page_size": 100}, timeout=TIMEOUT).json()
        for item in items["items"]:
            if 0 < item["stock"] <= 30:
                return item
    pytest.fail("no book with at most 30 copies in the catalog")


def test_concurrent_orders_for_more_than_the_stock_sell_exactly_the_stock():
    book = scarce_book()
    buyers = book["stock"] + 10
    sessions = [signed_in(reader) for reader in range(101, 101 + buyers)]
    start, statuses = threading.Barrier(buyers), []

    def buy(auth: dict) -> None:
        body = {"items": [{"book_id": book["id"], "quantity": 1}], "shipping_address": ADDRESS}
        start.wait()
        answer = requests.post(f"{EDGE}/api/orders", json=body, timeout=TIMEOUT, headers=auth)
        statuses.append((answer.status_code, answer.json().get("error", {}).get("code")))

    threads = [threading.Thread(target=buy, args=(auth,)) for auth in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count((201, None)) == book["stock"]
    assert statuses.count((409, "out_of_stock")) == buyers - book["stock"]
    assert requests.get(f"{EDGE}/api/books/{book['id']}", timeout=TIMEOUT).json()["stock"] == 0
