"""The Book provider: catalog pages, books, prices and stock reservations, as SOAP operations."""

from flask import Flask

from bookstore.catalog import service as catalog
from bookstore.database import Database
from soa import soap
from soa.providers.provider import create_provider_app, whole_number
from soa.settings import ProviderSettings


def _order_ref(payload: dict) -> str:
    reference = payload["order_ref"]
    if not isinstance(reference, str) or not 0 < len(reference) <= 64:
        raise soap.Fault("invalid_request", "order_ref must be a text of 1 to 64 characters")
    return reference


def _lines(payload: dict) -> list[tuple[int, int]]:
    return [(whole_number(line, "book_id"), whole_number(line, "quantity")) for line in payload["lines"]]


def create_app() -> Flask:
    """`gunicorn 'soa.providers.book:create_app()'`, on the shared enterprise database.

    The Book provider decides which of its reads may go to a replica (READS): ListBooks and GetBook may be
    a little stale (what a shopper browses); GetPrices, ReserveStock and ReleaseStock serve an order, so
    they read and write the primary, where stock is the truth.
    """
    settings = ProviderSettings.from_environment()
    db = Database.for_server(settings)

    def list_books(payload: dict, _headers: dict) -> dict:
        """A catalog page {q, page, page_size}."""
        with db.read(stale_ok=True) as conn:
            page = whole_number(payload, "page")
            return catalog.list_books(conn, str(payload["q"]), page, whole_number(payload, "page_size"))

    def get_book(payload: dict, _headers: dict) -> dict:
        """One book {book_id}."""
        with db.read(stale_ok=True, single_statement=True) as conn:
            return catalog.get_book(conn, whole_number(payload, "book_id"))

    def get_prices(payload: dict, _headers: dict) -> dict:
        """Unit prices of {book_ids}."""
        book_ids = [whole_number({"id": book_id}, "id") for book_id in payload["book_ids"]]
        with db.read(single_statement=True) as conn:
            prices = catalog.prices(conn, book_ids)
        return {"prices": [{"book_id": book_id, "price_cents": price} for book_id, price in prices.items()]}

    def reserve_stock(payload: dict, _headers: dict) -> dict:
        """Take stock for all {lines} or none (fault out_of_stock), once per {order_ref}: a repeat changes nothing."""
        with db.write() as conn:
            taken = catalog.reserve_once(conn, _order_ref(payload), _lines(payload))
        return {"reserved": True, "taken_now": taken}

    def release_stock(payload: dict, _headers: dict) -> dict:
        """Give back the stock of the order {order_ref}, once: a repeat, or a key never reserved, changes nothing."""
        with db.write() as conn:
            released = catalog.release_once(conn, _order_ref(payload))
        return {"released": True, "released_now": released}

    operations = {
        "ListBooks": list_books,
        "GetBook": get_book,
        "GetPrices": get_prices,
        "ReserveStock": reserve_stock,
        "ReleaseStock": release_stock,
    }
    return create_provider_app("Book", operations, settings, db)
