"""The contract's input rules: strict JSON bodies, lax but bounded query strings."""

import json

import pytest

from bookstore.errors import InvalidInput
from bookstore.input_rules import (
    CONTROL_CLASS,
    EMAIL_PATTERN,
    SPACE_CLASS,
    WHITESPACE,
    BookQuery,
    OrderRequest,
    QuoteQuery,
    Registration,
    parse_json,
    parse_query,
)
from contract import openapi_document

ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "Springfield", "postal_code": "12345", "country": "US"}


def order(**changes) -> str:
    body = {"items": [{"book_id": 1, "quantity": 1}], "shipping_address": dict(ADDRESS)}
    body.update(changes)
    return json.dumps(body)


def test_a_well_formed_order_is_accepted():
    assert parse_json(OrderRequest, order()).items[0].quantity == 1


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        order(items=[{"book_id": 1, "quantity": "1"}]),
        order(items=[{"book_id": 1, "quantity": True}]),
        order(items=[{"book_id": 1, "quantity": 0}]),
        order(items=[{"book_id": 1, "quantity": -3}]),
        order(items=[{"book_id": 1, "quantity": 10**20}]),
        order(items=[{"book_id": 2**40, "quantity": 1}]),
        order(items=[{"book_id": n, "quantity": 1} for n in range(1, 22)]),
        order(items=[]),
        order(coupon="FREE"),
        order(shipping_address={**ADDRESS, "country": "us"}),
        order(shipping_address={**ADDRESS, "name": "bad\u0000name"}),
        order(shipping_address={k: v for k, v in ADDRESS.items() if k != "city"}),
    ],
)
def test_a_malformed_order_is_refused_with_a_message(body):
    with pytest.raises(InvalidInput) as refused:
        parse_json(OrderRequest, body)
    assert refused.value.message


def test_a_short_password_is_refused():
    with pytest.raises(InvalidInput, match="password"):
        parse_json(Registration, json.dumps({"email": "a@b.io", "password": "short", "name": "A"}))


def test_an_email_without_a_domain_is_refused():
    with pytest.raises(InvalidInput, match="email"):
        parse_json(Registration, json.dumps({"email": "a@b", "password": "long enough", "name": "A"}))


def test_query_strings_are_converted_and_defaulted():
    assert parse_query(BookQuery, {"page": "2"}) == BookQuery(q="", page=2, page_size=20)


@pytest.mark.parametrize("args", [{"page_size": "101"}, {"page": "0"}, {"page": "1.5"}, {"q": "x" * 101}])
def test_an_out_of_range_catalog_query_is_refused(args):
    with pytest.raises(InvalidInput):
        parse_query(BookQuery, args)


def test_a_quote_needs_every_parameter():
    with pytest.raises(InvalidInput, match="country"):
        parse_query(QuoteQuery, {"book_id": "1", "quantity": "1"})


@pytest.mark.parametrize("field", ["email", "password"])
def test_control_characters_in_credentials_are_refused_alike_everywhere(field):
    from bookstore.input_rules import Credentials

    body = {"email": "a@b.io", "password": "long enough"}
    body[field] = body[field] + "\u0000"
    with pytest.raises(InvalidInput, match="control characters"):
        parse_json(Credentials, json.dumps(body))
    with pytest.raises(InvalidInput, match="control characters"):
        parse_json(Registration, json.dumps({**body, "name": "A"}))


@pytest.mark.parametrize("text", ["Ada\n", "\tAda", "Ada\r\n", "\x0bAda", "Ada\x0c"])
def test_a_control_character_is_refused_at_either_end_of_a_text_too_not_trimmed_away(text):
    with pytest.raises(InvalidInput, match="control characters"):
        parse_json(Registration, json.dumps({"email": "a@b.io", "password": "long enough", "name": text}))
    with pytest.raises(InvalidInput, match="control characters"):
        parse_json(OrderRequest, order(shipping_address={**ADDRESS, "city": text}))
    with pytest.raises(InvalidInput, match="control characters"):
        parse_query(BookQuery, {"q": text})


def test_spaces_around_a_text_are_trimmed():
    body = json.dumps({"email": "a@b.io", "password": "long enough", "name": "  Ada  "})
    assert parse_json(Registration, body).name == "Ada"


@pytest.mark.parametrize("space", list(WHITESPACE), ids=lambda ch: f"U+{ord(ch):04X}")
def test_every_kind_of_whitespace_is_refused_in_an_email_and_trimmed_from_a_name_or_refused_if_a_control(space):
    with pytest.raises(InvalidInput):
        parse_json(Registration, json.dumps({"email": f"ada@x{space}y.org", "password": "p" * 8, "name": "Ada"}))
    body = json.dumps({"email": "ada@example.org", "password": "p" * 8, "name": f"{space}Ada{space}"})
    if ord(space) < 0x20:  # a tab, newline or CR is a control character: refused, even at the ends
        with pytest.raises(InvalidInput):
            parse_json(Registration, body)
    else:
        assert parse_json(Registration, body).name == "Ada"


def test_the_contract_states_the_same_email_and_visible_text_rules_as_the_validation():
    schemas = openapi_document()["components"]["schemas"]
    assert schemas["Email"]["pattern"] == EMAIL_PATTERN
    visible = schemas["PersonName"]["pattern"]
    assert f"[^{SPACE_CLASS}{CONTROL_CLASS}]" in visible
    for field in ("street", "city", "postal_code"):
        assert schemas["AddressInput"]["properties"][field]["pattern"] == visible
