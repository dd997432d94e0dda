"""Shipping rules: zones, per-item prices and delivery times."""

import pytest

from bookstore.shipping import model


def test_a_domestic_parcel_of_one_book_costs_the_first_item_price():
    assert model.quote(1, "US") == model.Quote(cost_cents=499, eta_days=3, carrier="USPS")


def test_each_further_book_adds_the_zone_extra_item_price():
    assert model.quote(3, "DE").cost_cents == 1499 + 2 * 299


def test_countries_fall_into_near_europe_and_world_zones():
    assert model.zone_of("CA").name == "near"
    assert model.zone_of("FR").name == "europe"
    assert model.zone_of("JP").name == "world"


def test_a_parcel_of_more_than_ten_books_takes_a_day_longer():
    assert model.quote(11, "US").eta_days == model.quote(10, "US").eta_days + 1


def test_an_empty_parcel_cannot_be_quoted():
    with pytest.raises(ValueError):
        model.quote(0, "US")


def test_tracking_numbers_name_the_carrier_and_the_shipment():
    assert model.tracking_number("DHL", 42) == "DHL0000000042"
