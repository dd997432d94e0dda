"""Placing an order in the monolith is all or nothing, inside one transaction."""

from sqlalchemy import func, select

from bookstore.catalog import repository as catalog_data
from bookstore.database import Database
from bookstore.orders.tables import orders
from bookstore.shipping.tables import shipments

ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "Springfield", "postal_code": "12345", "country": "US"}


def count(database_url: str, table) -> int:
    with Database(database_url).read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def stock(client, book_id: int) -> int:
    return client.get(f"/api/books/{book_id}").json["stock"]


def test_a_confirmed_order_takes_stock_records_the_order_and_books_a_shipment(client, auth, database_url):
    before = stock(client, 3)
    placed = client.post(
        "/api/orders", json={"items": [{"book_id": 3, "quantity": 2}], "shipping_address": ADDRESS}, headers=auth
    )
    assert placed.status_code == 201
    assert stock(client, 3) == before - 2
    assert count(database_url, orders) == 1
    shipment = client.get(f"/api/shipments/{placed.json['shipment_id']}", headers=auth)
    assert shipment.json["order_id"] == placed.json["id"]


def test_an_order_short_of_stock_on_its_second_line_leaves_no_trace(client, auth, database_url):
    with Database(database_url).write() as conn:
        catalog_data.set_stock(conn, 9, 1)
    before = stock(client, 4)
    lines = [{"book_id": 4, "quantity": 1}, {"book_id": 9, "quantity": 2}]
    refused = client.post("/api/orders", json={"items": lines, "shipping_address": ADDRESS}, headers=auth)
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "out_of_stock"
    assert stock(client, 4) == before and stock(client, 9) == 1
    assert count(database_url, orders) == 0
    assert count(database_url, shipments) == 0


def test_an_order_for_an_unknown_book_changes_nothing(client, auth, database_url):
    refused = client.post(
        "/api/orders", json={"items": [{"book_id": 999, "quantity": 1}], "shipping_address": ADDRESS}, headers=auth
    )
    assert refused.status_code == 404
    assert count(database_url, orders) == 0


def test_a_stored_password_is_an_argon2_hash_not_the_password(client, database_url):
    from bookstore.accounts.tables import accounts

    client.post("/api/accounts", json={"email": "new@reader.io", "password": "plain-text-secret", "name": "New"})
    with Database(database_url).read() as conn:
        stored = conn.execute(select(accounts.c.password_hash).where(accounts.c.email == "new@reader.io")).scalar_one()
    assert stored.startswith("$argon2id$") and "plain-text-secret" not in stored
