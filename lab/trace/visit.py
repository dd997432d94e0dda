"""One scripted visit to the shop, each step under a trace id of its own: register, log in, browse, search,
a book's page, a shipping quote, an order, the order read back. Every answer is checked for content."""

import json
import random
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import urllib3

from loadtests import behaviour as check

PASSWORD = "bookstore-reader"
STEPS = ("register", "log in", "browse", "search", "book page", "quote", "order", "order read back")
DRAWN = ("order", "book page")  # the steps whose waterfalls are drawn


class WrongAnswer(RuntimeError):
    """A step of the visit got an unexpected answer: the architecture is not serving it right."""


@dataclass
class Visit:
    """A shopper's visit against one edge; `traces` maps each step to the trace id it was sent under."""

    base_url: str
    http: urllib3.PoolManager = field(default_factory=lambda: urllib3.PoolManager(retries=False, timeout=30))
    traces: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def call(self, step: str, method: str, path: str, status: int, body: dict | None = None):
        """One request, the first span of a fresh trace: its W3C traceparent names a trace id of ours."""
        trace_id = secrets.token_hex(16)
        self.traces[step] = trace_id
        headers = {**self.headers, "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}
        answer = self.http.request(method, self.base_url + path, json=body, headers=headers)
        if answer.status != status:
            raise WrongAnswer(
                f"{step}: {method} {path} answered {answer.status}, expected {status}: {answer.data[:300]!r}"
            )
        return answer

    def json(self, step: str, method: str, path: str, status: int, checked: Callable, body: dict | None = None):
        answer = json.loads(self.call(step, method, path, status, body).data)
        try:
            checked(answer)
        except (check.Wrong, KeyError, TypeError, ValueError) as error:
            raise WrongAnswer(f"{step}: {method} {path}: {error}") from error
        return answer

    def run(self, book_count: int) -> dict[str, str]:
        """The whole visit; the trace id of each step."""
        email, name = f"traced-{uuid.uuid4().hex}@bookstore.test", "Traced Shopper"
        self.json(
            "register",
            "POST",
            "/api/accounts",
            201,
            lambda a: check.check_account(a, email),
            {"email": email, "password": PASSWORD, "name": name},
        )
        session = self.json(
            "log in", "POST", "/api/sessions", 200, check.check_session, {"email": email, "password": PASSWORD}
        )
        self.headers["Authorization"] = f"Bearer {session['token']}"
        page = self.json("browse", "GET", "/api/books?page=2&page_size=20", 200, lambda p: check.check_page(p, 2, 20))
        word = check.WORD.findall(page["items"][0]["title"])[0].lower()
        self.json(
            "search", "GET", f"/api/books?q={word}", 200, lambda p: check.check_page(p, 1, p["page_size"], q=word)
        )
        book_id = random.randint(1, book_count)
        html = self.call("book page", "GET", f"/books/{book_id}", 200).data.decode()
        if 'class="trace"' not in html:
            raise WrongAnswer(f"book page: /books/{book_id} has no footer telling how it was served")
        self.json(
            "quote", "GET", f"/api/shipping/quote?book_id={book_id}&quantity=1&country=NL", 200, check.check_quote
        )
        lines, address = [{"book_id": book_id, "quantity": 1}], check.random_address(name)
        order = self.json(
            "order",
            "POST",
            "/api/orders",
            201,
            lambda o: check.check_order(o, lines, address, {}),
            {"items": lines, "shipping_address": address},
        )
        self.json(
            "order read back", "GET", f"/api/orders/{order['id']}", 200, lambda o: check.check_same_order(o, order)
        )
        return dict(self.traces)
