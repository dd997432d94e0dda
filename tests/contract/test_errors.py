"""Contract tests for refused request bodies and the JSON error shape of every failure."""

import json
from http.client import HTTPConnection
from urllib.parse import urlsplit

import pytest
import requests
from edge_api import (
    TIMEOUT,
    address,
    assert_error,
    http,
    new_customer,
    order_body,
    post_json,
    post_raw,
    registration,
)


@pytest.fixture(scope="module")
def customer(edge_url):
    return new_customer(edge_url)


def with_line(**changes) -> dict:
    return {"items": [{"book_id": 1, "quantity": 1} | changes], "shipping_address": address()}


def with_address(**changes) -> dict:
    return {"items": [{"book_id": 1, "quantity": 1}], "shipping_address": address(**changes)}


def without_address_field(field: str) -> dict:
    body = with_address()
    del body["shipping_address"][field]
    return body


BAD_ORDERS = {
    "unknown top-level field": order_body([(1, 1)]) | {"coupon": "FREE"},
    "unknown line field": with_line(gift=True),
    "unknown address field": with_address(phone="555"),
    "missing items": {"shipping_address": address()},
    "missing address": {"items": [{"book_id": 1, "quantity": 1}]},
    "line without quantity": {"items": [{"book_id": 1}], "shipping_address": address()},
    "line not an object": {"items": [1], "shipping_address": address()},
    "items not a list": {"items": {"book_id": 1, "quantity": 1}, "shipping_address": address()},
    "address not an object": {"items": [{"book_id": 1, "quantity": 1}], "shipping_address": "London"},
    "string quantity": with_line(quantity="5"),
    "boolean quantity": with_line(quantity=True),
    "float quantity": with_line(quantity=1.5),
    "null quantity": with_line(quantity=None),
    "zero quantity": with_line(quantity=0),
    "negative quantity": with_line(quantity=-1),
    "quantity over 100": with_line(quantity=101),
    "huge quantity": with_line(quantity=10**30),
    "string book id": with_line(book_id="1"),
    "zero book id": with_line(book_id=0),
    "no lines": order_body([]),
    "21 lines": order_body([(book_id, 1) for book_id in range(1, 22)]),
    "duplicate book ids": order_body([(1, 1), (1, 2)]),
    "lowercase country": with_address(country="gb"),
    "three-letter country": with_address(country="GBR"),
    "empty name": with_address(name=""),
    "name over 100": with_address(name="N" * 101),
    "street over 200": with_address(street="S" * 201),
    "city over 100": with_address(city="C" * 101),
    "postal code over 20": with_address(postal_code="P" * 21),
    "control character in street": with_address(street="12 Main\x00Street"),
    "number as city": with_address(city=42),
    **{
        f"missing address {field}": without_address_field(field)
        for field in ("name", "street", "city", "postal_code", "country")
    },
}


@pytest.mark.parametrize("body", BAD_ORDERS.values(), ids=BAD_ORDERS.keys())
def test_an_invalid_order_is_refused_with_invalid_request(edge_url, customer, body):
    assert_error(post_json(edge_url, "/api/orders", body, customer), 400, "invalid_request")


@pytest.mark.parametrize("path", ["/api/accounts", "/api/sessions", "/api/orders"])
@pytest.mark.parametrize("data", ['{"email": ', "not json", "", '{"a": 1} trailing'], ids=repr)
def test_malformed_json_is_refused_with_invalid_request(edge_url, customer, path, data):
    assert_error(post_raw(edge_url, path, data, customer), 400, "invalid_request")


@pytest.mark.parametrize("path", ["/api/accounts", "/api/sessions", "/api/orders"])
@pytest.mark.parametrize("data", ["[]", json.dumps([order_body([(1, 1)])]), "null", '"order"', "42"])
def test_a_json_body_that_is_not_an_object_is_refused_with_invalid_request(edge_url, customer, path, data):
    assert_error(post_raw(edge_url, path, data, customer), 400, "invalid_request")


@pytest.mark.parametrize("path", ["/api/accounts", "/api/sessions", "/api/orders"])
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_is_refused_with_415(edge_url, customer, path, content_type):
    data = json.dumps(registration())
    response = post_raw(edge_url, path, data, customer, content_type=content_type)
    assert_error(response, 415, "unsupported_media_type")


def oversized_post(connection: requests.Session, edge_url: str, path: str, customer) -> requests.Response:
    data = json.dumps(registration(name="N" * (64 * 1024)))
    headers = {"Content-Type": "application/json"} | customer.headers
    return connection.post(f"{edge_url}{path}", data=data, headers=headers, timeout=TIMEOUT)


@pytest.mark.parametrize("path", ["/api/accounts", "/api/sessions", "/api/orders"])
def test_a_body_over_64_kib_is_refused_with_413(edge_url, customer, path):
    with requests.Session() as connection:
        assert_error(oversized_post(connection, edge_url, path, customer), 413, "payload_too_large")


@pytest.mark.http_server
@pytest.mark.parametrize("path", ["/api/accounts", "/api/sessions", "/api/orders"])
def test_a_keep_alive_connection_that_got_a_413_still_serves_the_next_request(edge_url, customer, path):
    url = urlsplit(edge_url)
    connection = HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
    try:
        body = json.dumps(registration(name="N" * (64 * 1024)))
        connection.request("POST", path, body, {"Content-Type": "application/json"} | customer.headers)
        refused = connection.getresponse()
        refused.read()
        assert refused.status == 413
        if refused.getheader("Connection", "").lower() != "close":
            connection.request("GET", "/health")
            assert connection.getresponse().status == 200
    finally:
        connection.close()


def test_an_unknown_path_is_a_json_404(edge_url):
    assert_error(http.get(f"{edge_url}/api/no-such-thing", timeout=TIMEOUT), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/api/books/1", {"GET"}),
        ("PUT", "/api/accounts", {"POST"}),
        ("POST", "/health", {"GET"}),
        ("PATCH", "/api/orders", {"GET", "POST"}),
        ("TRACE", "/api/books", {"GET"}),
    ],
)
def test_a_wrong_method_is_a_json_405_that_says_which_methods_are_allowed(edge_url, method, path, allowed):
    response = http.request(method, f"{edge_url}{path}", timeout=TIMEOUT)
    assert_error(response, 405, "method_not_allowed")
    # RFC 9110: a 405 carries Allow; HEAD and OPTIONS come with every GET route.
    assert allowed <= {m.strip() for m in response.headers.get("Allow", "").split(",")}
