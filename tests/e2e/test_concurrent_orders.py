"""Under concurrent orders through the real servers, stock is never oversold."""

import threading

import pytest
import requests
from launching import reader_auth

from bookstore.catalog import repository as catalog_data
from bookstore.database import Database

BOOK_ID, STOCK, BUYERS = 77, 10, 50
ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "Springfield", "postal_code": "12345", "country": "US"}


def test_fifty_concurrent_orders_for_ten_copies_confirm_exactly_ten(edge):
    if not getattr(edge, "database_url", None):
        pytest.skip("needs the database of a launched architecture")
    with Database(edge.database_of("catalog")).write() as conn:
        catalog_data.set_stock(conn, BOOK_ID, STOCK)
    sessions = [reader_auth(edge.base_url, reader) for reader in range(101, 101 + BUYERS)]
    start, statuses = threading.Barrier(BUYERS), []

    def buy(auth: dict) -> None:
        body = {"items": [{"book_id": BOOK_ID, "quantity": 1}], "shipping_address": ADDRESS}
        start.wait()
        answer = requests.post(f"{edge.base_url}/api/orders", json=body, timeout=60, headers=auth)
        statuses.append((answer.status_code, answer.json().get("error", {}).get("code")))

    buyers = [threading.Thread(target=buy, args=(auth,)) for auth in sessions]
    for buyer in buyers:
        buyer.start()
    for buyer in buyers:
        buyer.join()
    assert statuses.count((201, None)) == STOCK
    assert statuses.count((409, "out_of_stock")) == BUYERS - STOCK
    assert requests.get(f"{edge.base_url}/api/books/{BOOK_ID}", timeout=10).json()["stock"] == 0
