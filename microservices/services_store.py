"""The Store as calls to the services that own each use case (used by the gateway and the frontend)."""

from bookstore.accounts.known_accounts import KnownAccounts
from bookstore.accounts.tokens import account_of
from bookstore.input_rules import BookQuery, Credentials, OrderRequest, QuoteQuery, Registration
from bookstore.internal_proof import Signer
from microservices.service_client import ServiceClient
from microservices.settings import ServiceSettings

SERVICES = ("accounts", "catalog", "orders", "shipping")


class ServicesStore:
    """Implements bookstore.store.Store by routing each use case to the one service that owns it."""

    def __init__(
        self, settings: ServiceSettings, clients: dict[str, ServiceClient] | None = None, caller: str = "gateway"
    ):
        """caller: who signs the calls' assertions (the gateway, or the frontend)."""
        self.secret = settings.token_secret
        signer = Signer(settings.internal_secret, caller)
        self.services = clients or {
            name: ServiceClient(name, settings.service_url(name), settings.worker_threads, signer) for name in SERVICES
        }
        self.known_accounts = KnownAccounts(self.profile, settings.account_check_ttl_s)

    def _call(self, service: str, method: str, path: str, **options) -> dict:
        return self.services[service].call(method, path, **options)

    def ready(self) -> dict:
        """Liveness of this process only: each service may be down while the others serve."""
        return {}

    def register(self, registration: Registration) -> dict:
        """accounts: POST /accounts."""
        return self._call("accounts", "POST", "/accounts", body=registration.model_dump())

    def log_in(self, credentials: Credentials) -> dict:
        """accounts: POST /sessions (it issues the signed token)."""
        return self._call("accounts", "POST", "/sessions", body=credentials.model_dump())

    def authenticate(self, token: str) -> int:
        """The signature is checked here; the accounts service confirms the account exists (cached)."""
        return self.known_accounts.require(account_of(token, self.secret))

    def profile(self, account_id: int) -> dict:
        """accounts: GET /profile."""
        return self._call("accounts", "GET", "/profile", account_id=account_id)

    def list_books(self, query: BookQuery) -> dict:
        """catalog: GET /books."""
        return self._call("catalog", "GET", "/books", query=query.model_dump())

    def get_book(self, book_id: int) -> dict:
        """catalog: GET /books/{id}."""
        return self._call("catalog", "GET", f"/books/{book_id}")

    def quote(self, query: QuoteQuery) -> dict:
        """shipping: GET /quote."""
        return self._call("shipping", "GET", "/quote", query=query.model_dump())

    def place_order(self, account_id: int, order: OrderRequest) -> dict:
        """orders: POST /orders (the saga runs there)."""
        return self._call("orders", "POST", "/orders", body=order.model_dump(), account_id=account_id)

    def list_orders(self, account_id: int) -> dict:
        """orders: GET /orders."""
        return self._call("orders", "GET", "/orders", account_id=account_id)

    def get_order(self, account_id: int, order_id: int) -> dict:
        """orders: GET /orders/{id}."""
        return self._call("orders", "GET", f"/orders/{order_id}", account_id=account_id)

    def get_shipment(self, account_id: int, shipment_id: int) -> dict:
        """shipping: GET /shipments/{id}."""
        return self._call("shipping", "GET", f"/shipments/{shipment_id}", account_id=account_id)
