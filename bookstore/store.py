"""The one service interface behind every edge: in-process here, a remote proxy in distributed architectures."""

from typing import Protocol

from bookstore.input_rules import BookQuery, Credentials, OrderRequest, QuoteQuery, Registration


class Store(Protocol):
    """Every use case of the edge API; results are plain dicts in the contract's shapes."""

    def ready(self) -> dict:
        """Extra facts for /health (e.g. the database engine); raises Unavailable when not ready."""

    def register(self, registration: Registration) -> dict:
        """Create an account."""

    def log_in(self, credentials: Credentials) -> dict:
        """Check credentials and open a session: {token, account_id}."""

    def authenticate(self, token: str) -> int:
        """The account a bearer token names; Unauthorized otherwise."""

    def profile(self, account_id: int) -> dict:
        """The account's own profile."""

    def list_books(self, query: BookQuery) -> dict:
        """A catalog page."""

    def get_book(self, book_id: int) -> dict:
        """One book."""

    def quote(self, query: QuoteQuery) -> dict:
        """A shipping quote."""

    def place_order(self, account_id: int, order: OrderRequest) -> dict:
        """Place and confirm an order."""

    def list_orders(self, account_id: int) -> dict:
        """The account's newest orders."""

    def get_order(self, account_id: int, order_id: int) -> dict:
        """One of the account's orders."""

    def get_shipment(self, account_id: int, shipment_id: int) -> dict:
        """Tracking of one of the account's shipments."""
