"""Contract tests for GET /api/shipping/quote."""

import pytest
from edge_api import assert_error, assert_json, get

VALID = {"book_id": 1, "quantity": 2, "country": "FR"}


def quote(edge_url: str, **params):
    return get(edge_url, "/api/shipping/quote", **params)


def test_a_quote_has_a_cost_and_an_eta(edge_url):
    assert_json(quote(edge_url, **VALID), 200, "Quote")


@pytest.mark.parametrize("quantity", [1, 100])
def test_the_boundary_quantities_are_accepted(edge_url, quantity):
    assert_json(quote(edge_url, **(VALID | {"quantity": quantity})), 200, "Quote")


def test_the_quote_does_not_depend_on_the_book(edge_url):
    known = assert_json(quote(edge_url, **VALID), 200)
    unknown = assert_json(quote(edge_url, **(VALID | {"book_id": 999999999})), 200, "Quote")
    assert unknown == known


def test_the_same_question_gets_the_same_quote(edge_url):
    assert assert_json(quote(edge_url, **VALID), 200) == assert_json(quote(edge_url, **VALID), 200)


@pytest.mark.parametrize("missing", ["book_id", "quantity", "country"])
def test_a_quote_missing_a_parameter_is_refused(edge_url, missing):
    params = {key: value for key, value in VALID.items() if key != missing}
    assert_error(quote(edge_url, **params), 400, "invalid_request")


@pytest.mark.parametrize(
    "change",
    [
        {"quantity": 0},
        {"quantity": 101},
        {"quantity": -1},
        {"quantity": "two"},
        {"quantity": "1.5"},
        {"book_id": 0},
        {"book_id": "abc"},
        {"country": "fr"},
        {"country": "FRA"},
        {"country": "F1"},
        {"country": "F"},
        {"country": ""},
    ],
    ids=repr,
)
def test_an_invalid_quote_is_refused_with_invalid_request(edge_url, change):
    assert_error(quote(edge_url, **(VALID | change)), 400, "invalid_request")
