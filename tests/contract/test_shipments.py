"""Contract tests for GET /api/shipments/{id}."""

import pytest
from edge_api import (
    assert_error,
    assert_json,
    get,
    new_customer,
    place_order,
    well_stocked_books,
)


@pytest.fixture
def order(edge_url, customer):
    (item,) = well_stocked_books(edge_url, 1)
    return assert_json(place_order(edge_url, customer, [(item["id"], 1)]), 201, "Order")


def test_the_shipment_of_a_new_order_is_trackable(edge_url, customer, order):
    response = get(edge_url, f"/api/shipments/{order['shipment_id']}", customer)
    shipment = assert_json(response, 200, "Shipment")
    assert shipment["id"] == order["shipment_id"]
    assert shipment["order_id"] == order["id"]
    assert shipment["status"] == "label_created"
    assert shipment["carrier"]
    assert shipment["tracking_number"]


def test_another_accounts_shipment_is_not_found(edge_url, order):
    stranger = new_customer(edge_url)
    assert_error(get(edge_url, f"/api/shipments/{order['shipment_id']}", stranger), 404, "not_found")


@pytest.mark.parametrize("shipment_id", ["999999999", "abc", "0", "-1"])
def test_an_unknown_or_malformed_shipment_id_is_not_found(edge_url, customer, shipment_id):
    assert_error(get(edge_url, f"/api/shipments/{shipment_id}", customer), 404, "not_found")
