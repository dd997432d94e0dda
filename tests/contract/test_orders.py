"""Contract tests for POST /api/orders, GET /api/orders and GET /api/orders/{id}."""

from datetime import datetime

import pytest
from edge_api import (
    address,
    assert_error,
    assert_json,
    book,
    books_page,
    get,
    new_customer,
    place_order,
    well_stocked_books,
)


def own_orders(edge_url, customer) -> list[dict]:
    return assert_json(get(edge_url, "/api/orders", customer), 200, "OrderList")["items"]


def scarce_book(edge_url: str) -> dict:
    """A book whose stock is below 100, so stock + 1 is still a valid quantity."""
    for page in range(1, 11):
        for item in books_page(edge_url, page=page, page_size=100)["items"]:
            if item["stock"] < 100:
                return item
    pytest.skip("no book with less than 100 in stock on the first 1000")


def test_an_order_of_more_than_a_hundred_books_in_all_is_confirmed_and_shipped(edge_url, customer):
    # Each line may ask for 100 copies and an order may have 20 lines: the parcel is the sum of them all.
    first, second = (item for item in well_stocked_books(edge_url, 2) if item["stock"] >= 60)
    order = assert_json(place_order(edge_url, customer, [(first["id"], 60), (second["id"], 60)]), 201, "Order")
    assert order["status"] == "confirmed" and order["shipment_id"]
    shipment = assert_json(get(edge_url, f"/api/shipments/{order['shipment_id']}", customer), 200, "Shipment")
    assert shipment["order_id"] == order["id"]


def test_an_order_confirms_decrements_the_stock_and_adds_up(edge_url, customer):
    first, second = well_stocked_books(edge_url, 2)
    before = {item["id"]: book(edge_url, item["id"]) for item in (first, second)}
    lines = [(first["id"], 2), (second["id"], 1)]
    order = assert_json(place_order(edge_url, customer, lines), 201, "Order")
    assert order["status"] == "confirmed"
    assert sorted((line["book_id"], line["quantity"]) for line in order["items"]) == sorted(lines)
    for line in order["items"]:
        assert line["unit_price_cents"] == before[line["book_id"]]["price_cents"]
        assert book(edge_url, line["book_id"])["stock"] == before[line["book_id"]]["stock"] - line["quantity"]
    lines_cents = sum(line["quantity"] * line["unit_price_cents"] for line in order["items"])
    assert order["total_cents"] == lines_cents + order["shipping_cents"]
    assert order["shipping_address"] == address()
    assert datetime.fromisoformat(order["created_at"]).year >= 2024


def test_a_new_order_appears_first_in_the_own_orders_and_can_be_read_back(edge_url, customer):
    (item,) = well_stocked_books(edge_url, 1)
    older = assert_json(place_order(edge_url, customer, [(item["id"], 1)]), 201)
    newer = assert_json(place_order(edge_url, customer, [(item["id"], 1)]), 201)
    assert [order["id"] for order in own_orders(edge_url, customer)] == [newer["id"], older["id"]]
    assert assert_json(get(edge_url, f"/api/orders/{newer['id']}", customer), 200, "Order") == newer


def test_a_new_account_has_no_orders(edge_url, customer):
    assert own_orders(edge_url, customer) == []


def test_the_own_orders_list_the_50_newest_only(edge_url, customer):
    (item,) = well_stocked_books(edge_url, 1)
    placed = [assert_json(place_order(edge_url, customer, [(item["id"], 1)]), 201)["id"] for _ in range(51)]
    listed = [order["id"] for order in own_orders(edge_url, customer)]
    assert listed == placed[::-1][:50]


def test_an_order_for_more_than_the_stock_is_refused_and_reserves_nothing(edge_url, customer):
    scarce = scarce_book(edge_url)
    (plenty,) = [item for item in well_stocked_books(edge_url, 2) if item["id"] != scarce["id"]][:1]
    stock_before = {item["id"]: book(edge_url, item["id"])["stock"] for item in (plenty, scarce)}
    lines = [(plenty["id"], 1), (scarce["id"], stock_before[scarce["id"]] + 1)]
    assert_error(place_order(edge_url, customer, lines), 409, "out_of_stock")
    assert {book_id: book(edge_url, book_id)["stock"] for book_id in stock_before} == stock_before
    assert own_orders(edge_url, customer) == []


def test_an_order_for_an_unknown_book_is_not_found_and_reserves_nothing(edge_url, customer):
    (plenty,) = well_stocked_books(edge_url, 1)
    stock_before = book(edge_url, plenty["id"])["stock"]
    assert_error(place_order(edge_url, customer, [(plenty["id"], 1), (999999999, 1)]), 404, "not_found")
    assert book(edge_url, plenty["id"])["stock"] == stock_before
    assert own_orders(edge_url, customer) == []


def test_another_accounts_order_is_not_found(edge_url, customer):
    (item,) = well_stocked_books(edge_url, 1)
    order = assert_json(place_order(edge_url, customer, [(item["id"], 1)]), 201)
    stranger = new_customer(edge_url)
    assert_error(get(edge_url, f"/api/orders/{order['id']}", stranger), 404, "not_found")
    assert own_orders(edge_url, stranger) == []


@pytest.mark.parametrize("order_id", ["999999999", "abc", "0", "-1"])
def test_an_unknown_or_malformed_order_id_is_not_found(edge_url, customer, order_id):
    assert_error(get(edge_url, f"/api/orders/{order_id}", customer), 404, "not_found")
