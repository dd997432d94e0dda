"""The Store as a remote proxy: every use case is one HTTP call to the application tier."""

import urllib3

from bookstore import deadline, http_pool
from bookstore.accounts.known_accounts import KnownAccounts
from bookstore.accounts.tokens import account_of
from bookstore.edge.errors import payload_of_answer
from bookstore.errors import Unavailable
from bookstore.input_rules import BookQuery, Credentials, OrderRequest, QuoteQuery, Registration
from bookstore.internal_proof import Signer
from bookstore.request_context import HEADER, current_request_id
from bookstore.settings import Settings
from three_tier.internal_api import KEY_HEADER

# Connecting on loopback takes microseconds: half a second means the tier is gone. Reads wait longer,
# but never as long as the edge's own clients would, so a stuck tier gives a 503, not a hang.
TIMEOUT = urllib3.Timeout(connect=0.5, read=10)


class RemoteStore:
    """Implements bookstore.store.Store over pooled keep-alive connections to the application tier."""

    def __init__(self, base_url: str, key: str, settings: Settings):
        self.base_url, self.key, self.secret = base_url, key, settings.token_secret
        self.signer = Signer(settings.internal_secret, "presentation")
        self.http = http_pool.pooled_http(TIMEOUT, settings.worker_threads)
        self.known_accounts = KnownAccounts(self.profile, settings.account_check_ttl_s)

    def _call(self, method: str, path: str, body=None, account_id: int | None = None, query=None) -> dict:
        # Checked before each call: a request whose budget is spent never reaches the application tier.
        headers = {KEY_HEADER: self.key, HEADER: current_request_id.get() or "", **deadline.outgoing_headers(path)}
        headers.update(self.signer.headers(account_id))
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            answer = self.http.request(
                method,
                self.base_url + path,
                body=body,
                fields=query,
                headers=headers,
                timeout=http_pool.within_budget(TIMEOUT),
            )
        except urllib3.exceptions.HTTPError:
            raise Unavailable("the application tier is unavailable; try again shortly") from None
        return payload_of_answer(answer.status, answer.data, "application tier")

    def ready(self) -> dict:
        """Liveness of this tier only: the edge stays up (and says 503 per request) while the others are down."""
        return {"tier": "presentation"}

    def register(self, registration: Registration) -> dict:
        """POST /internal/accounts."""
        return self._call("POST", "/internal/accounts", registration.model_dump_json())

    def log_in(self, credentials: Credentials) -> dict:
        """POST /internal/sessions."""
        return self._call("POST", "/internal/sessions", credentials.model_dump_json())

    def authenticate(self, token: str) -> int:
        """Check the token's signature here; the application tier confirms its account exists (cached)."""
        return self.known_accounts.require(account_of(token, self.secret))

    def profile(self, account_id: int) -> dict:
        """GET /internal/profile."""
        return self._call("GET", "/internal/profile", account_id=account_id)

    def list_books(self, query: BookQuery) -> dict:
        """GET /internal/books."""
        return self._call("GET", "/internal/books", query=query.model_dump())

    def get_book(self, book_id: int) -> dict:
        """GET /internal/books/{id}."""
        return self._call("GET", f"/internal/books/{book_id}")

    def quote(self, query: QuoteQuery) -> dict:
        """GET /internal/shipping/quote."""
        return self._call("GET", "/internal/shipping/quote", query=query.model_dump())

    def place_order(self, account_id: int, order: OrderRequest) -> dict:
        """POST /internal/orders."""
        return self._call("POST", "/internal/orders", order.model_dump_json(), account_id=account_id)

    def list_orders(self, account_id: int) -> dict:
        """GET /internal/orders."""
        return self._call("GET", "/internal/orders", account_id=account_id)

    def get_order(self, account_id: int, order_id: int) -> dict:
        """GET /internal/orders/{id}."""
        return self._call("GET", f"/internal/orders/{order_id}", account_id=account_id)

    def get_shipment(self, account_id: int, shipment_id: int) -> dict:
        """GET /internal/shipments/{id}."""
        return self._call("GET", f"/internal/shipments/{shipment_id}", account_id=account_id)
