"""Mediation: the edge contract (REST/JSON) mapped onto provider operations (SOAP/XML), one small function each."""

from bookstore.accounts.known_accounts import KnownAccounts
from bookstore.accounts.tokens import account_of, issue_token
from bookstore.input_rules import BookQuery, Credentials, OrderRequest, QuoteQuery, Registration
from bookstore.settings import Settings
from soa.bus import orchestration
from soa.bus.client import ServiceCaller


class BusStore:
    """Implements bookstore.store.Store by routing each use case to a service operation through the bus."""

    def __init__(self, caller: ServiceCaller, settings: Settings):
        self.call, self.secret = caller.call, settings.token_secret
        self.known_accounts = KnownAccounts(self.profile, settings.account_check_ttl_s)

    def ready(self) -> dict:
        """The bus itself is up; providers are checked per call."""
        return {"component": "bus"}

    def register(self, registration: Registration) -> dict:
        """Account.Register."""
        return self.call("Account", "Register", registration.model_dump())

    def log_in(self, credentials: Credentials) -> dict:
        """Account.CheckCredentials; the bus issues the token (security lives in one place)."""
        account_id = self.call("Account", "CheckCredentials", credentials.model_dump())["account_id"]
        return {"token": issue_token(account_id, self.secret), "account_id": account_id}

    def authenticate(self, token: str) -> int:
        """The bus checks every token itself, and asks the Account service that its account exists (cached)."""
        return self.known_accounts.require(account_of(token, self.secret))

    def profile(self, account_id: int) -> dict:
        """Account.GetProfile."""
        return self.call("Account", "GetProfile", {"account_id": account_id})

    def list_books(self, query: BookQuery) -> dict:
        """Book.ListBooks."""
        return self.call("Book", "ListBooks", query.model_dump())

    def get_book(self, book_id: int) -> dict:
        """Book.GetBook."""
        return self.call("Book", "GetBook", {"book_id": book_id})

    def quote(self, query: QuoteQuery) -> dict:
        """Shipping.Quote (book_id does not travel: the price depends on parcel size and destination)."""
        return self.call("Shipping", "Quote", {"quantity": query.quantity, "country": query.country})

    def place_order(self, account_id: int, order: OrderRequest) -> dict:
        """The composite service in orchestration.py."""
        return orchestration.place_order(self.call, account_id, order)

    def list_orders(self, account_id: int) -> dict:
        """Order.ListOrders."""
        return self.call("Order", "ListOrders", {"account_id": account_id})

    def get_order(self, account_id: int, order_id: int) -> dict:
        """Order.GetOrder."""
        return self.call("Order", "GetOrder", {"account_id": account_id, "order_id": order_id})

    def get_shipment(self, account_id: int, shipment_id: int) -> dict:
        """Shipping.Track."""
        return self.call("Shipping", "Track", {"account_id": account_id, "shipment_id": shipment_id})
