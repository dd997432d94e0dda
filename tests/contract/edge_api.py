"""HTTP helpers shared by the contract tests: JSON checks, fresh accounts, books and orders."""

import random
import uuid
from dataclasses import dataclass

import requests
from contract_shapes import assert_matches

TIMEOUT = 30  # a deadline for a slow, busy machine, not a measure of speed
MAX_BODY_BYTES = 64 * 1024  # the contract's limit on a request body
http = requests.Session()


def assert_json(response: requests.Response, status: int, schema: str | None = None) -> dict:
    """Check the status and the JSON content type, then the body against `schema`; return the body."""
    assert response.status_code == status, f"{response.status_code} {response.text[:500]}"
    content_type = response.headers.get("Content-Type", "")
    assert content_type.split(";")[0].strip() == "application/json", content_type
    body = response.json()
    if schema:
        assert_matches(body, schema)
    return body


def assert_error(response: requests.Response, status: int, code: str) -> None:
    """Check an error answer: the status, JSON content type, the Error shape and the code."""
    body = assert_json(response, status, "Error")
    assert body["error"]["code"] == code, body


@dataclass(frozen=True)
class Customer:
    """A freshly registered, logged-in account."""

    id: int
    email: str
    password: str
    token: str

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}


def unique_email() -> str:
    return f"contract-{uuid.uuid4().hex}@example.test"


def post_json(edge_url: str, path: str, body: object, customer: Customer | None = None) -> requests.Response:
    headers = customer.headers if customer else {}
    return http.post(f"{edge_url}{path}", json=body, headers=headers, timeout=TIMEOUT)


def registration(**fields) -> dict:
    """A valid registration body with a unique email, with `fields` replacing its values."""
    return {"email": unique_email(), "password": "correct-horse-9", "name": "Contract Tester"} | fields


def register(edge_url: str, **fields) -> requests.Response:
    return post_json(edge_url, "/api/accounts", registration(**fields))


def log_in(edge_url: str, email: str, password: str) -> requests.Response:
    return post_json(edge_url, "/api/sessions", {"email": email, "password": password})


def new_customer(edge_url: str) -> Customer:
    """Register an account with a unique email and log it in."""
    account = assert_json(register(edge_url), 201, "Account")
    session = assert_json(log_in(edge_url, account["email"], "correct-horse-9"), 200, "Session")
    return Customer(account["id"], account["email"], "correct-horse-9", session["token"])


def get(edge_url: str, path: str, customer: Customer | None = None, **params) -> requests.Response:
    headers = customer.headers if customer else {}
    return http.get(f"{edge_url}{path}", params=params, headers=headers, timeout=TIMEOUT)


def book(edge_url: str, book_id: int) -> dict:
    return assert_json(get(edge_url, f"/api/books/{book_id}"), 200, "Book")


def books_page(edge_url: str, **params) -> dict:
    return assert_json(get(edge_url, "/api/books", **params), 200, "BookPage")


def well_stocked_books(edge_url: str, count: int) -> list[dict]:
    """The `count` books with the most stock on a random catalog page, so runs spread their orders."""
    total = books_page(edge_url, page_size=1)["total"]
    page = random.randint(1, max(1, total // 100))
    items = books_page(edge_url, page=page, page_size=100)["items"]
    return sorted(items, key=lambda item: item["stock"], reverse=True)[:count]


def address(**changes) -> dict:
    base = {
        "name": "Ada Lovelace",
        "street": "12 St James's Square",
        "city": "London",
        "postal_code": "SW1Y 4JH",
        "country": "GB",
    }
    return base | changes


def order_body(lines: list[tuple[int, int]], **address_changes) -> dict:
    items = [{"book_id": book_id, "quantity": quantity} for book_id, quantity in lines]
    return {"items": items, "shipping_address": address(**address_changes)}


def place_order(edge_url: str, customer: Customer, lines: list[tuple[int, int]]) -> requests.Response:
    return post_json(edge_url, "/api/orders", order_body(lines), customer)


def post_raw(
    edge_url: str,
    path: str,
    data: bytes | str,
    customer: Customer | None = None,
    content_type: str = "application/json",
) -> requests.Response:
    """POST bytes as they are, to send bodies that `json=` cannot produce."""
    headers = {"Content-Type": content_type} | (customer.headers if customer else {})
    return http.post(f"{edge_url}{path}", data=data, headers=headers, timeout=TIMEOUT)
