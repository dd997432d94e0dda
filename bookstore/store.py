"""The one service interface behind every edge: in-process here, a remote proxy in distributed architectures."""

from typing import Any, Protocol

from bookstore.input_rules import BookQuery, Credentials, OrderRequest, QuoteQuery, Registration


class Store(Protocol):
    """Every use case of the edge API; results are plain dicts in the contract's shapes."""

    def ready(self) -> dict[str, Any]:
        """Extra facts for /health (e.g. the database engine); raises Unavailable when not ready."""

    def register(self, registration: Registration) -> dict[str, Any]:
        """Create an account."""

    def log_in(self, credentials: Credentials) -> dict[str, Any]:
        """Check credentials and open a session: {token, account_id}."""

    def authenticate(self, token: str) -> int:
        """The account a bearer token names; Unauthorized otherwise."""

    def profile(self, account_id: int) -> dict[str, Any]:
        """The account's own profile."""

    def list_books(self, query: BookQuery) -> dict[str, Any]:
        """A catalog page."""

    def get_book(self, book_id: int) -> dict[str, Any]:
        """One book."""

    def quote(self, query: QuoteQuery) -> dict[str, Any]:
        """A shipping quote."""

    def place_order(self, account_id: int, order: OrderRequest) -> dict[str, Any]:
        """Place and confirm an order."""

    def list_orders(self, account_id: int) -> dict[str, Any]:
        """The account's newest orders."""

    def get_order(self, account_id: int, order_id: int) -> dict[str, Any]:
        """One of the account's orders."""

    def get_shipment(self, account_id: int, shipment_id: int) -> dict[str, Any]:
        """Tracking of one of the account's shipments."""
