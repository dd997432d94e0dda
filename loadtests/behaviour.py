"""Response checks and shopper helpers used by the bookstore locustfile."""

from __future__ import annotations

import logging
import random
import re
from datetime import datetime

from gevent.lock import Semaphore

LIST_ITEM_KEYS = {"id", "title", "author", "price_cents", "stock"}
BOOK_KEYS = LIST_ITEM_KEYS | {"isbn", "description"}
ORDER_KEYS = {"id", "status", "items", "total_cents", "shipping_cents", "shipment_id", "shipping_address", "created_at"}
COUNTRIES = ("US", "DE", "FR", "GB", "NL", "JP", "CA", "BR", "IT", "ES")
CITIES = ("Springfield", "Berlin", "Lyon", "Leeds", "Utrecht", "Osaka", "Toronto", "Recife")
WORD = re.compile(r"[^\W\d_]{3,}")
log = logging.getLogger("loadtests")
_catalog: dict[str, int] = {}
_catalog_lock = Semaphore()


class Wrong(Exception):
    """A response that has the right status but the wrong content."""


def need(condition: object, message: str) -> None:
    """Fail the response check with `message` unless `condition` holds."""
    if not condition:
        raise Wrong(message)


def is_int(value: object) -> bool:
    """True for a JSON integer (booleans are not integers)."""
    return isinstance(value, int) and not isinstance(value, bool)


def judge(resp, status: int, check=None):
    """Mark `resp` (a catch_response context) as success or failure; return its JSON body or None."""
    if resp.status_code != status:
        resp.failure(f"HTTP {resp.status_code} ({error_code(resp) or 'no error document'}), expected {status}")
        return None
    try:
        body = resp.json()
        if check is not None:
            check(body)
    except (Wrong, ValueError, KeyError, TypeError, AttributeError) as e:
        resp.failure(f"wrong answer: {type(e).__name__}: {e}")
        return None
    resp.success()
    return body


def catalog_size(client) -> int | None:
    """Number of books in the catalog, asked once per Locust process by the first user to start."""
    with _catalog_lock:
        if "total" not in _catalog:
            with client.get("/api/books?page_size=1", catch_response=True) as r:
                body = judge(r, 200, lambda d: need(is_int(d["total"]) and d["total"] > 0, "empty catalog"))
            if body:
                _catalog["total"] = body["total"]
        return _catalog.get("total")


def error_code(resp) -> str | None:
    """The `error.code` of an error body, or None if the body is not an error document."""
    try:
        return resp.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


def check_page(body: dict, page: int, page_size: int, total: int | None = None, q: str | None = None) -> None:
    """A catalog or search page: paging fields, item count, item fields, and matches of q."""
    items = body["items"]
    need(body["page"] == page and body["page_size"] == page_size, "page/page_size differ from the ones asked")
    need(is_int(body["total"]) and (total is None or body["total"] == total), "total is not the catalog size")
    expected = max(0, min(page_size, body["total"] - (page - 1) * page_size))
    need(len(items) == expected, "wrong number of items on the page")
    for item in items:
        need(
            item.keys() >= LIST_ITEM_KEYS and is_int(item["id"]) and is_int(item["price_cents"]),
            "list item lacks fields or has wrong types",
        )
        if q:
            need(q in f"{item['title']} {item['author']}".lower(), "search result does not contain the query")
    need(not q or body["total"] >= 1, "search found nothing for a word of a seen book")


def check_book(body: dict, book_id: int) -> None:
    """One book: all fields, the id asked for, integer price and stock."""
    need(body.keys() >= BOOK_KEYS, "book lacks fields")
    need(body["id"] == book_id, "book has another id than the one asked")
    need(is_int(body["price_cents"]) and is_int(body["stock"]), "price_cents/stock not integers")


def check_quote(body: dict) -> None:
    """A shipping quote: non-negative integer cost and days."""
    need(is_int(body["cost_cents"]) and body["cost_cents"] >= 0, "cost_cents is not a non-negative integer")
    need(is_int(body["eta_days"]) and body["eta_days"] >= 0, "eta_days is not a non-negative integer")


def check_order(body: dict, lines: list[dict], address: dict, prices: dict[int, int]) -> None:
    """A new order: confirmed, shipped, the lines and address sent, catalog prices, consistent total."""
    need(body.keys() >= ORDER_KEYS, "order lacks fields")
    need(body["status"] == "confirmed" and body["shipment_id"] not in (None, ""), "order not confirmed/shipped")
    got = {line["book_id"]: line for line in body["items"]}
    need({k: v["quantity"] for k, v in got.items()} == {li["book_id"]: li["quantity"] for li in lines}, "wrong lines")
    for book_id, line in got.items():
        need(is_int(line["unit_price_cents"]), "unit_price_cents not an integer")
        need(
            prices.get(book_id, line["unit_price_cents"]) == line["unit_price_cents"],
            "unit price differs from the catalog price",
        )
    subtotal = sum(li["quantity"] * li["unit_price_cents"] for li in body["items"])
    need(body["total_cents"] == subtotal + body["shipping_cents"], "total_cents != lines + shipping")
    need(body["shipping_address"] == address, "shipping_address differs from the one sent")
    datetime.fromisoformat(body["created_at"])


def check_same_order(body: dict, placed: dict) -> None:
    """A re-read order equals the one placed."""
    same = ("id", "status", "items", "total_cents", "shipping_cents", "shipment_id", "shipping_address")
    need(all(body[k] == placed[k] for k in same), "order differs from the one placed")


def check_shipment(body: dict, shipment_id, order_id) -> None:
    """A shipment belongs to the order and has tracking fields."""
    need(body["id"] == shipment_id and body["order_id"] == order_id, "shipment is not the one of the order")
    need(all(isinstance(body[k], str) and body[k] for k in ("status", "carrier", "tracking_number")), "bad fields")
    need(is_int(body["eta_days"]), "eta_days not an integer")


def check_orders(body: dict, order_id=None) -> None:
    """An order list: confirmed orders, newest first, holding the order just placed."""
    orders = body["items"]
    need(len(orders) <= 50 and all(o["status"] == "confirmed" for o in orders), "bad order list")
    need(order_id is None or any(o["id"] == order_id for o in orders), "new order missing from the order list")
    times = [datetime.fromisoformat(o["created_at"]) for o in orders]
    need(times == sorted(times, reverse=True), "orders are not newest first")


def check_account(body: dict, email: str, account_id=None) -> None:
    """A profile: the expected email (any case), a name and the session's account id."""
    need(
        body["email"].lower() == email.lower() and body["name"] and "id" in body,
        "account has another email or no name/id",
    )
    need(account_id is None or body["id"] == account_id, "profile id differs from the session account_id")


def check_session(body: dict) -> None:
    """A session: a token and an account id."""
    need(isinstance(body["token"], str) and body["token"] and "account_id" in body, "no token/account_id")


def words_of(item: dict) -> list[str]:
    """Search words a shopper could pick up from a book's title and author."""
    return [w.lower() for w in WORD.findall(f"{item['title']} {item['author']}")]


def random_address(name: str) -> dict:
    """A valid shipping address for `name` in one of the shipped-to countries."""
    return {
        "name": name,
        "street": f"{random.randint(1, 400)} Market Street",
        "city": random.choice(CITIES),
        "postal_code": f"{random.randint(10000, 99999)}",
        "country": random.choice(COUNTRIES),
    }
