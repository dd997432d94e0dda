"""The Store in-process: every context's service called directly, one database transaction per use case."""

from bookstore.accounts import service as accounts
from bookstore.accounts import tokens
from bookstore.accounts.known_accounts import KnownAccounts
from bookstore.accounts.login_throttle import LoginThrottle
from bookstore.catalog import service as catalog
from bookstore.database import Database
from bookstore.input_rules import BookQuery, Credentials, OrderRequest, QuoteQuery, Registration
from bookstore.orders import service as orders
from bookstore.orders.workflow import PlaceOrder
from bookstore.request_context import current_client_address
from bookstore.settings import Settings
from bookstore.shipping import service as shipping
from bookstore.transaction_ports import InProcessInventory, InProcessOrderBook, InProcessShipping


class InProcessStore:
    """Implements bookstore.store.Store over one database holding every context's tables.

    It is the data-access layer of the monolith and of the three-tier application tier, so it decides
    which reads may go to a replica (READS, see bookstore/replicas.py):
      - catalog pages, searches and book pages may be a little stale: a shopper who sees a stock count a
        moment old loses nothing, because the order takes its stock on the primary, where it is the truth;
      - logging in, the profile, orders and shipments read the primary: an account just registered must
        log in, and a buyer must see the order just placed (read-your-writes);
      - everything that writes, and the checkout's prices and stock, runs on the primary.
    A shipping quote reads no table at all.
    """

    def __init__(self, database: Database, settings: Settings):
        self.db = database
        self.secret, self.throttle = settings.token_secret, LoginThrottle.of(settings)
        self.known_accounts = KnownAccounts(self._confirm_account, settings.account_check_ttl_s)

    def ready(self) -> dict:
        """Report the database engine."""
        return {"database": "sqlite" if self.db.is_sqlite else "postgresql"}

    def register(self, registration: Registration) -> dict:
        """Create an account."""
        password_hash = accounts.hash_password(registration.password)
        with self.db.write() as conn:
            return accounts.register(conn, registration.email, password_hash, registration.name)

    def log_in(self, credentials: Credentials) -> dict:
        """Check credentials, issue a token."""
        address = current_client_address.get()
        account_id = accounts.check_credentials(
            self.db, self.throttle, credentials.email, credentials.password, address
        )
        return accounts.log_in(account_id, self.secret)

    def authenticate(self, token: str) -> int:
        """Verify the token's signature and expiry, and that its account still exists."""
        return self.known_accounts.require(tokens.account_of(token, self.secret))

    def _confirm_account(self, account_id: int) -> None:
        with self.db.read(single_statement=True) as conn:
            accounts.confirm_account(conn, account_id)

    def profile(self, account_id: int) -> dict:
        """The account's profile."""
        with self.db.read(single_statement=True) as conn:
            return accounts.profile(conn, account_id)

    def list_books(self, query: BookQuery) -> dict:
        """A catalog page."""
        with self.db.read(stale_ok=True) as conn:
            return catalog.list_books(conn, query.q, query.page, query.page_size)

    def get_book(self, book_id: int) -> dict:
        """One book."""
        with self.db.read(stale_ok=True, single_statement=True) as conn:
            return catalog.get_book(conn, book_id)

    def quote(self, query: QuoteQuery) -> dict:
        """A shipping quote."""
        return shipping.quote(query.quantity, query.country)

    def place_order(self, account_id: int, order: OrderRequest) -> dict:
        """The order workflow in one transaction: every step commits together, or none does."""
        requested = [(line.book_id, line.quantity) for line in order.items]
        with self.db.write() as conn:
            place = PlaceOrder(
                InProcessOrderBook(conn), InProcessInventory(conn), InProcessShipping(conn), compensate=False
            )
            return place(account_id, requested, order.shipping_address.model_dump())

    def list_orders(self, account_id: int) -> dict:
        """The account's newest orders."""
        with self.db.read() as conn:
            return orders.list_orders(conn, account_id)

    def get_order(self, account_id: int, order_id: int) -> dict:
        """One own order."""
        with self.db.read() as conn:
            return orders.get_order(conn, account_id, order_id)

    def get_shipment(self, account_id: int, shipment_id: int) -> dict:
        """Tracking of an own shipment."""
        with self.db.read(single_statement=True) as conn:
            return shipping.tracking(conn, shipment_id, account_id)
