"""Order rules: pricing lines and totals in integer cents."""

import pytest

from bookstore.orders import model


def test_lines_are_priced_at_the_catalog_price():
    lines = model.price_lines([(1, 2), (5, 1)], {1: 1000, 5: 250})
    assert [line.amount_cents for line in lines] == [2000, 250]


def test_the_total_is_the_lines_plus_shipping():
    lines = model.price_lines([(1, 2), (5, 1)], {1: 1000, 5: 250})
    assert model.total_cents(lines, 499) == 2749


def test_the_parcel_holds_every_ordered_copy():
    assert model.parcel_size(model.price_lines([(1, 2), (5, 3)], {1: 1, 5: 1})) == 5


def test_a_book_may_appear_only_once_in_an_order():
    with pytest.raises(ValueError, match="once"):
        model.price_lines([(1, 1), (1, 2)], {1: 100})


def test_an_order_needs_at_least_one_line():
    with pytest.raises(ValueError):
        model.price_lines([], {})
