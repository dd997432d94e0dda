"""A refused request changes nothing (no order, no stock taken, no account), and valid Unicode round-trips exactly."""

import json
import uuid
from collections.abc import Iterator

import pytest
import requests
from edge_api import (
    MAX_BODY_BYTES,
    TIMEOUT,
    Customer,
    address,
    assert_error,
    assert_json,
    book,
    get,
    log_in,
    new_customer,
    order_body,
    post_json,
    post_raw,
    register,
    registration,
    unique_email,
    well_stocked_books,
)
from sqlalchemy import create_engine, func, select

from bookstore.accounts.tables import accounts
from bookstore.orders.tables import orders

CONTROL_CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\t", "\n", "\r"]


class Rows:
    """Counts rows straight in the databases of a lab-started architecture, one engine per database."""

    def __init__(self, edge):
        self.edge, self.engines = edge, {}

    def count(self, context: str, table, *where) -> int:
        url = self.edge.database_of(context)
        if url not in self.engines:
            self.engines[url] = create_engine(url)
        with self.engines[url].connect() as conn:
            return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()


@pytest.fixture(scope="module")
def rows(edge) -> Iterator[Rows | None]:
    """Row counts in the architecture's own databases; None for an edge at EDGE_URL, out of reach."""
    if edge.name == "external":
        yield None
        return
    found = Rows(edge)
    try:
        yield found
    finally:
        found.close()


@pytest.fixture(scope="module")
def customer(edge_url):
    """One account for the whole module: every order it sends is refused, so its order list stays empty."""
    return new_customer(edge_url)


@pytest.fixture(scope="module")
def buyer(edge_url):
    """One account for the module's accepted orders, so the refused ones leave `customer` without any."""
    return new_customer(edge_url)


@pytest.fixture(scope="module")
def book_ids(edge_url) -> list[int]:
    """21 books of one catalog page, the best stocked first, so each valid line could be filled."""
    return [item["id"] for item in well_stocked_books(edge_url, 21)]


def own_order_ids(edge_url, customer) -> list[int]:
    return [order["id"] for order in assert_json(get(edge_url, "/api/orders", customer), 200, "OrderList")["items"]]


def stock_of(edge_url, book_ids) -> dict[int, int]:
    return {book_id: book(edge_url, book_id)["stock"] for book_id in book_ids}


def padded(body: dict) -> bytes:
    """A valid JSON document over 64 KiB: the body, then whitespace."""
    return json.dumps(body).encode() + b" " * (MAX_BODY_BYTES + 1024)


def in_chunks(data: bytes) -> Iterator[bytes]:
    """A body that requests sends with Transfer-Encoding: chunked, so without Content-Length."""
    for start in range(0, len(data), 8192):
        yield data[start : start + 8192]


def valid_order(ids) -> dict:
    return order_body([(ids[0], 1), (ids[1], 2)])


def with_second_line(ids, **changes) -> dict:
    items = [{"book_id": ids[0], "quantity": 1}, {"book_id": ids[1], "quantity": 1} | changes]
    return {"items": items, "shipping_address": address()}


def with_address(ids, **changes) -> dict:
    return order_body([(ids[0], 1), (ids[1], 1)], **changes)


def raw_order(ids, old: bytes, new: bytes) -> bytes:
    """The valid order's JSON with `old` replaced, for bodies that json.dumps cannot produce."""
    data = json.dumps(valid_order(ids)).encode()
    assert old in data
    return data.replace(old, new, 1)


# Each case builds its body from the module's book ids; every body names real, well-stocked books.
BAD_ORDERS = {
    "truncated JSON": lambda ids: json.dumps(valid_order(ids))[:-12].encode(),
    "two JSON documents": lambda ids: (json.dumps(valid_order(ids)) * 2).encode(),
    "NaN quantity": lambda ids: raw_order(ids, b'"quantity": 2', b'"quantity": NaN'),
    "single quotes": lambda ids: json.dumps(valid_order(ids)).replace('"', "'").encode(),
    "invalid UTF-8": lambda ids: raw_order(ids, b"London", b"Lond\xff\xfeon"),
    "escaped lone surrogate": lambda ids: raw_order(ids, b"London", b"Lond\\ud800on"),
    "deeply nested line": lambda ids: raw_order(ids, b'"items": [', b'"items": [' + b"[" * 5000 + b"]" * 5000 + b", "),
    "quantity as a string": lambda ids: with_second_line(ids, quantity="2"),
    "fractional quantity": lambda ids: with_second_line(ids, quantity=2.5),
    "boolean quantity": lambda ids: with_second_line(ids, quantity=True),
    "quantity 10**30": lambda ids: with_second_line(ids, quantity=10**30),
    "quantity -10**30": lambda ids: with_second_line(ids, quantity=-(10**30)),
    "zero quantity": lambda ids: with_second_line(ids, quantity=0),
    "negative quantity": lambda ids: with_second_line(ids, quantity=-1),
    "book id 2**63": lambda ids: with_second_line(ids, book_id=2**63),
    "book id 2**31": lambda ids: with_second_line(ids, book_id=2**31),
    "negative book id": lambda ids: with_second_line(ids, book_id=-1),
    "book id as a string": lambda ids: with_second_line(ids, book_id=str(ids[1])),
    "21 lines": lambda ids: order_body([(book_id, 1) for book_id in ids[:21]]),
    "identical lines": lambda ids: order_body([(ids[0], 1), (ids[0], 1)]),
    "one book on two lines": lambda ids: order_body([(ids[0], 1), (ids[1], 1), (ids[0], 2)]),
    "NUL in the street": lambda ids: with_address(ids, street="12 Main\x00Street"),
    "BEL in the name": lambda ids: with_address(ids, name="Ada\x07Lovelace"),
    "terminal escape in the city": lambda ids: with_address(ids, city="\x1b[31mLondon\x1b[0m"),
    "DEL in the postal code": lambda ids: with_address(ids, postal_code="SW1Y\x7f4JH"),
    "newline at the end of the name": lambda ids: with_address(ids, name="Ada Lovelace\n"),
    "tab at the start of the city": lambda ids: with_address(ids, city="\tLondon"),
    "CJK name over 100 characters": lambda ids: with_address(ids, name="李" * 101),
    "emoji street over 200 characters": lambda ids: with_address(ids, street="🏠" * 201),
}


def named_books(body, ids) -> list[int]:
    """The real books a body names: those of its lines, or the valid order's for a body that is not JSON."""
    if not isinstance(body, dict):
        return ids[:2]
    named = {line["book_id"] for line in body["items"] if isinstance(line.get("book_id"), int)}
    return sorted(book_id for book_id in named if book_id in ids)


def order_rows(rows: Rows | None, customer) -> int | None:
    return rows.count("orders", orders, orders.c.account_id == customer.id) if rows else None


def send_order(edge_url, customer, body) -> requests.Response:
    if isinstance(body, dict):
        return post_json(edge_url, "/api/orders", body, customer)
    return post_raw(edge_url, "/api/orders", body, customer)


@pytest.mark.parametrize("make_body", BAD_ORDERS.values(), ids=BAD_ORDERS.keys())
def test_a_refused_order_leaves_stock_and_orders_unchanged(edge_url, customer, book_ids, rows, make_body):
    body = make_body(book_ids)
    stock_before, orders_before = stock_of(edge_url, named_books(body, book_ids)), own_order_ids(edge_url, customer)
    rows_before = order_rows(rows, customer)
    assert_error(send_order(edge_url, customer, body), 400, "invalid_request")
    assert stock_of(edge_url, stock_before) == stock_before
    assert own_order_ids(edge_url, customer) == orders_before
    assert order_rows(rows, customer) == rows_before  # not even a pending or failed order


@pytest.mark.parametrize("chunked", [False, True], ids=["with Content-Length", "chunked"])
def test_a_valid_order_over_64_kib_is_refused_with_413_and_changes_nothing(edge_url, customer, book_ids, rows, chunked):
    data = padded(valid_order(book_ids))
    stock_before, orders_before = stock_of(edge_url, book_ids[:2]), own_order_ids(edge_url, customer)
    rows_before = order_rows(rows, customer)
    headers = {"Content-Type": "application/json"} | customer.headers
    with requests.Session() as connection:  # the server may close a connection it refused a body on
        body = in_chunks(data) if chunked else data
        response = connection.post(f"{edge_url}/api/orders", data=body, headers=headers, timeout=TIMEOUT)
    assert_error(response, 413, "payload_too_large")
    assert stock_of(edge_url, stock_before) == stock_before
    assert own_order_ids(edge_url, customer) == orders_before
    assert order_rows(rows, customer) == rows_before


def raw_registration(old: bytes, new: bytes) -> bytes:
    """A valid registration's JSON with `old` replaced, for bodies that json.dumps cannot produce."""
    data = json.dumps(registration(name="Ada Lovelace")).encode()
    assert old in data
    return data.replace(old, new, 1)


BAD_REGISTRATIONS = {
    "NUL in the name": registration(name="Ada\x00Lovelace"),
    "BEL in the name": registration(name="Ada\x07"),
    "terminal escape in the name": registration(name="\x1b[2JAda"),
    "DEL in the name": registration(name="Ada\x7f"),
    "newline at the end of the name": registration(name="Ada Lovelace\n"),
    "tab at the start of the name": registration(name="\tAda Lovelace"),
    "space inside the email": registration(email=f"ada lovelace-{uuid.uuid4().hex}@example.test"),
    "space before the email": registration(email=f" {unique_email()}"),
    "newline after the email": registration(email=f"{unique_email()}\n"),
    "no-break space inside the email": registration(email=unique_email().replace("-", "\u00a0")),
    "ideographic space inside the email": registration(email=unique_email().replace("@", "\u3000@")),
    "email over 254 characters": registration(email="a" * 242 + unique_email()[-13:]),
    "name over 100 characters": registration(name="N" * 101),
    "CJK name over 100 characters": registration(name="李" * 101),
    "password over 128 characters": registration(password="p" * 129),
    "name as a number": registration(name=42),
    "password as a number": registration(password=12345678),
    "email as a list": registration(email=[unique_email()]),
    "name as an object": registration(name={"first": "Ada", "last": "Lovelace"}),
    "extra field": registration(is_admin=True),
    "deeply nested name": raw_registration(b'"Ada Lovelace"', b"[" * 5000 + b"]" * 5000),
    "invalid UTF-8": raw_registration(b"Lovelace", b"Lovel\xff\xfece"),
    "escaped lone surrogate": raw_registration(b"Lovelace", b"Lovel\\udc00ce"),
}


def account_count(rows: Rows | None) -> int | None:
    return rows.count("accounts", accounts) if rows else None


def assert_no_account(edge_url, rows, body, count_before) -> None:
    """No account was written: none counted in the database, or else its email and password get no session."""
    if rows is not None:
        assert account_count(rows) == count_before
    elif isinstance(body, dict) and isinstance(body.get("email"), str) and isinstance(body.get("password"), str):
        assert log_in(edge_url, body["email"], body["password"]).status_code in (400, 401)


@pytest.mark.parametrize("body", BAD_REGISTRATIONS.values(), ids=BAD_REGISTRATIONS.keys())
def test_a_refused_registration_creates_no_account(edge_url, rows, body):
    count_before = account_count(rows)
    if isinstance(body, dict):
        response = post_json(edge_url, "/api/accounts", body)
    else:
        response = post_raw(edge_url, "/api/accounts", body)
    assert_error(response, 400, "invalid_request")
    assert_no_account(edge_url, rows, body, count_before)


def test_a_registration_over_64_kib_is_refused_with_413_and_creates_no_account(edge_url, rows):
    body = registration(name="N" * (MAX_BODY_BYTES + 1024))
    count_before = account_count(rows)
    with requests.Session() as connection:
        response = connection.post(f"{edge_url}/api/accounts", json=body, timeout=TIMEOUT)
    assert_error(response, 413, "payload_too_large")
    assert_no_account(edge_url, rows, body, count_before)


@pytest.mark.parametrize("where", ["start", "middle", "end"])
@pytest.mark.parametrize("character", CONTROL_CHARACTERS, ids=repr)
def test_a_control_character_anywhere_in_a_name_an_address_or_a_search_is_refused(
    edge_url, customer, book_ids, character, where
):
    def placed(text: str) -> str:
        return {"start": character + text, "middle": text[:2] + character + text[2:], "end": text + character}[where]

    assert_error(register(edge_url, name=placed("Ada Lovelace")), 400, "invalid_request")
    for field, text in address().items():
        if field != "country":
            order = with_address(book_ids, **{field: placed(text)})
            assert_error(post_json(edge_url, "/api/orders", order, customer), 400, "invalid_request")
    assert_error(get(edge_url, "/api/books", q=placed("Tolstoy")), 400, "invalid_request")


NAMES = {
    "accents, Greek and CJK": "Zoë Ωmega 李",
    "decomposed accent": "Zoe\u0308 Mu\u0308ller",  # not normalised to the composed ë, ü
    "right to left": "مرحبا بالعالم",
    "emoji sequences": "Ada 👩‍💻 🇬🇧 🐍",
    "100 CJK characters": "李" * 100,
    "100 emoji": "🐍" * 100,
    "format and noncharacters": "Ada\u202eecalevoL\u202c \u200b\u0085\ufeff\ufffe\uffff",
}


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_a_name_in_any_script_is_accepted_and_read_back_exactly(edge_url, name):
    email = unique_email()
    account = assert_json(register(edge_url, email=email, name=name), 201, "Account")
    assert account["name"] == name
    session = assert_json(log_in(edge_url, email, "correct-horse-9"), 200, "Session")
    holder = Customer(account["id"], email, "correct-horse-9", session["token"])
    assert assert_json(get(edge_url, "/api/accounts/me", holder), 200, "Account")["name"] == name


ADDRESSES = {
    "accents, CJK and emoji": address(
        name="Zoë Ωmega 李", street="Straße 7, Ελληνικά 🏠", city="東京", postal_code="〒100-0001", country="JP"
    ),
    "right to left": address(name="مرحبا", street="شارع الملك ١٢", city="الرياض", country="SA"),
    "format and noncharacters": address(
        name="Ada\u202eecalevoL\u202c", street="1\u200b2 Main \ufffe\uffff", city="Zo\u0308rich"
    ),
    "at the maximum lengths": address(name="李" * 100, street="🏠" * 200, city="東" * 100, postal_code="〒" * 20),
}


@pytest.mark.parametrize("shipping_address", ADDRESSES.values(), ids=ADDRESSES.keys())
def test_a_shipping_address_in_any_script_is_accepted_and_read_back_exactly(
    edge_url, buyer, book_ids, shipping_address
):
    body = {"items": [{"book_id": book_ids[0], "quantity": 1}], "shipping_address": shipping_address}
    order = assert_json(post_json(edge_url, "/api/orders", body, buyer), 201, "Order")
    assert order["shipping_address"] == shipping_address
    read_back = assert_json(get(edge_url, f"/api/orders/{order['id']}", buyer), 200, "Order")
    assert read_back["shipping_address"] == shipping_address


def test_an_email_whose_lower_case_is_longer_is_accepted_and_logs_in(edge_url):
    # "İ" (U+0130) is the one character whose lower case is two characters long ("i" and a combining dot).
    email = unique_email()
    email = "İ" * (254 - len(email)) + email
    account = assert_json(register(edge_url, email=email), 201, "Account")
    session = assert_json(log_in(edge_url, email, "correct-horse-9"), 200, "Session")
    assert session["account_id"] == account["id"]
    assert_error(register(edge_url, email=email), 409, "email_taken")
