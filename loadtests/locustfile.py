"""One locustfile for every architecture: shoppers on the edge API, nothing but the base URL (--host)."""

import random
import uuid
from collections import Counter
from urllib.parse import quote

from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

try:
    from loadtests import behaviour as b
    from loadtests import sites, staleness
    from loadtests.mix import BROWSING, BUYING, USERS
    from loadtests.settings import SETTINGS
except ImportError:  # `locust -f` run from outside the project root: the file's own folder is on sys.path
    import behaviour as b
    import sites
    import staleness
    from mix import BROWSING, BUYING, USERS
    from settings import SETTINGS

SEED_ACCOUNTS = SETTINGS.seed_accounts
PASSWORD = "bookstore-reader"
PAGE_SIZE = 20
OUTCOMES: Counter[str] = Counter()  # business outcomes in this process: orders placed, out_of_stock answers


@events.test_stop.add_listener
def log_outcomes(environment, **_kwargs) -> None:
    b.log.info("business outcomes: %s", dict(OUTCOMES))


# Think time: real shoppers pause 5-30 s between pages; we compress that to 1-5 s (mean 3 s).
# This is a closed model, so each user sends about 1 / (3 s + response time) requests per
# second: ~35 req/s at 100 users (comfortably served on 2 cores) and ~350 req/s offered at
# 1000 users (beyond what 2 shared cores serve), so the two profiles sit either side of saturation.
class Shopper(FastHttpUser):
    """Anonymous visitor: reads catalog pages, searches for words it has read, opens books, asks shipping."""

    abstract = True
    wait_time = between(1, 5)

    def on_start(self) -> None:
        if sites.SITES:  # the CAP experiment: every request to one of several sites
            self.client = sites.RoamingClient(self.client)
        self.total = b.catalog_size(self.client)
        if self.total is None:
            raise StopUser()
        self.seen: dict[int, int] = {}  # book id -> price_cents, most recently seen last
        self.words: list[str] = []
        self.stock = staleness.StockMemory()

    def where(self, endpoint: str) -> str:
        """The endpoint, and the site that answered where shoppers roam between sites."""
        return endpoint + getattr(self.client, "at", "")

    def remember(self, item: dict, endpoint: str) -> None:
        self.stock.read(self.where(endpoint), item["id"], item["stock"])
        self.seen.pop(item["id"], None)
        self.seen[item["id"]] = item["price_cents"]
        if len(self.seen) > 60:
            self.seen.pop(next(iter(self.seen)))
        self.words = (self.words + b.words_of(item))[-100:]

    def pick_book(self) -> int:
        """Mostly a book this shopper has seen; sometimes any book, as if following an outside link."""
        if self.seen and random.random() < 0.8:
            return random.choice(list(self.seen))
        return random.randint(1, self.total)

    # Browsing weights (loadtests/shopper_mix.json): views of single books dominate, catalog pages and searches
    # lead to them, shipping quotes are an occasional "what would delivery cost?" check.
    @task(BROWSING["catalog_page"])
    def catalog_page(self) -> None:
        page = min(1 + int(random.expovariate(1 / 8)), -(-self.total // PAGE_SIZE))  # early pages are popular
        url = f"/api/books?page={page}&page_size={PAGE_SIZE}"
        with self.client.get(url, name="/api/books?page=[page]", catch_response=True) as r:
            body = b.judge(r, 200, lambda d: b.check_page(d, page, PAGE_SIZE, total=self.total))
        for item in (body or {}).get("items", []):
            self.remember(item, "GET /api/books?page=[page]")

    @task(BROWSING["search"])
    def search(self) -> None:
        if not self.words:
            return self.catalog_page()
        q = random.choice(self.words)
        with self.client.get(f"/api/books?q={quote(q)}", name="/api/books?q=[q]", catch_response=True) as r:
            body = b.judge(r, 200, lambda d: b.check_page(d, 1, PAGE_SIZE, q=q))
        for item in (body or {}).get("items", [])[:5]:
            self.remember(item, "GET /api/books?q=[q]")

    @task(BROWSING["view_book"])
    def view_book(self) -> None:
        book_id = self.pick_book()
        with self.client.get(f"/api/books/{book_id}", name="/api/books/[id]", catch_response=True) as r:
            body = b.judge(r, 200, lambda d: b.check_book(d, book_id))
        if body:
            self.remember(body, "GET /api/books/[id]")

    @task(BROWSING["shipping_quote"])
    def shipping_quote(self) -> None:
        url = f"/api/shipping/quote?book_id={self.pick_book()}&quantity={random.randint(1, 2)}&country="
        with self.client.get(url + random.choice(b.COUNTRIES), name="/api/shipping/quote", catch_response=True) as r:
            b.judge(r, 200, b.check_quote)


# Conversion: real stores turn 2-3 % of visits (of 10-30 pages each) into an order, i.e. well
# under 1 % of requests. That would leave a 60 s window with a handful of orders, too few for
# write-path percentiles, so we oversample ~10x: 1 user in 5 is a logged-in buyer and about
# 1 in 5 of a buyer's actions is a checkout (POST order, track the shipment, list orders),
# which makes 3-4 % of requests order placements (~70 orders per minute at 100 users).
class Browser(Shopper):
    """Visitor who never logs in (4 in 5 users)."""

    weight = USERS["browser"]


class Buyer(Shopper):
    """Customer who logs in (1 visit in 10 as a freshly registered account), browses and orders."""

    weight = USERS["buyer"]

    def on_start(self) -> None:
        super().on_start()
        self.sign_in()

    @task(BUYING["sign_in"])
    def sign_in(self) -> None:
        """Start a new visit: sign up (1 in 10) or log in as a seeded reader, then load the profile."""
        self.auth, self.last_order = None, None
        if random.random() < 0.1:
            email, self.name = f"shopper-{uuid.uuid4().hex}@bookstore.test", "New Shopper"
            with self.client.post(
                "/api/accounts", json={"email": email, "password": PASSWORD, "name": self.name}, catch_response=True
            ) as r:
                b.judge(r, 201, lambda d: b.check_account(d, email))
        else:
            n = random.randint(1, SEED_ACCOUNTS)
            email, self.name = f"reader{n}@bookstore.test", f"Reader {n}"
        with self.client.post("/api/sessions", json={"email": email, "password": PASSWORD}, catch_response=True) as r:
            session = b.judge(r, 200, b.check_session)
        if session:
            self.auth = {"Authorization": f"Bearer {session['token']}"}
            with self.client.get("/api/accounts/me", headers=self.auth, catch_response=True) as r:
                b.judge(r, 200, lambda d: b.check_account(d, email, session["account_id"]))

    @task(BUYING["checkout"])
    def checkout(self) -> None:
        if not self.auth:
            return self.sign_in()
        books = {self.pick_book() for _ in range(random.randint(1, 2))}
        lines = [{"book_id": i, "quantity": random.randint(1, 2)} for i in books]
        address = b.random_address(self.name)
        with self.client.post(
            "/api/orders", json={"items": lines, "shipping_address": address}, headers=self.auth, catch_response=True
        ) as r:
            if r.status_code == 409 and b.error_code(r) == "out_of_stock":
                r.success()  # a legitimate answer when stock ran out; not an order
                OUTCOMES["out_of_stock"] += 1
                return
            order = b.judge(r, 201, lambda d: b.check_order(d, lines, address, self.seen))
        if not order:
            return
        OUTCOMES["orders"] += 1
        self.last_order = order
        self.stock.order_placed([(line["book_id"], line["quantity"]) for line in lines])
        with self.client.get(
            f"/api/shipments/{order['shipment_id']}", name="/api/shipments/[id]", headers=self.auth, catch_response=True
        ) as r:
            b.judge(r, 200, lambda d: b.check_shipment(d, order["shipment_id"], order["id"]))
        with self.client.get("/api/orders", headers=self.auth, catch_response=True) as r:
            listed = b.judge(r, 200, lambda d: b.check_orders(d, order["id"]))
        if r.status_code == 200:  # read-your-writes: the order just placed is in the list
            staleness.order_read_back(self.where("GET /api/orders"), listed is not None)

    @task(BUYING["my_last_order"])
    def my_last_order(self) -> None:
        if not (self.auth and self.last_order):
            return self.view_book()
        with self.client.get(
            f"/api/orders/{self.last_order['id']}", name="/api/orders/[id]", headers=self.auth, catch_response=True
        ) as r:
            b.judge(r, 200, lambda d: b.check_same_order(d, self.last_order))
