"""The Order provider: recording, confirming and reading orders, as SOAP operations."""

from flask import Flask

from bookstore.database import Database
from bookstore.orders import repository, service
from bookstore.orders.model import Line
from soa.providers.provider import create_provider_app, whole_number
from soa.settings import ProviderSettings


def create_app() -> Flask:
    """`gunicorn 'soa.providers.order:create_app()'`, on the shared enterprise database."""
    settings = ProviderSettings.from_environment()
    db = Database.for_server(settings)

    def record_order(payload: dict, _headers: dict) -> dict:
        """Record a pending order {account_id, lines, shipping_cents, total_cents, address}."""
        lines = [
            Line(whole_number(li, "book_id"), whole_number(li, "quantity"), whole_number(li, "unit_price_cents"))
            for li in payload["lines"]
        ]
        with db.write() as conn:
            order_id = repository.add(
                conn,
                whole_number(payload, "account_id"),
                lines,
                int(payload["shipping_cents"]),
                int(payload["total_cents"]),
                dict(payload["address"]),
            )
        return {"order_id": order_id}

    def confirm_order(payload: dict, _headers: dict) -> dict:
        """Confirm {order_id} with its {shipment_id}; answers the order."""
        account_id, order_id = whole_number(payload, "account_id"), whole_number(payload, "order_id")
        with db.write() as conn:
            repository.confirm(conn, order_id, whole_number(payload, "shipment_id"))
            return service.get_order(conn, account_id, order_id)

    def mark_failed(payload: dict, _headers: dict) -> dict:
        """Mark {order_id} failed (compensation of a composite that could not finish)."""
        with db.write() as conn:
            repository.mark_failed(conn, whole_number(payload, "order_id"))
        return {"failed": True}

    def list_orders(payload: dict, _headers: dict) -> dict:
        """The newest orders of {account_id}."""
        with db.read() as conn:
            return service.list_orders(conn, whole_number(payload, "account_id"))

    def get_order(payload: dict, _headers: dict) -> dict:
        """One order {order_id} of {account_id}."""
        with db.read() as conn:
            return service.get_order(conn, whole_number(payload, "account_id"), whole_number(payload, "order_id"))

    operations = {
        "RecordOrder": record_order,
        "ConfirmOrder": confirm_order,
        "MarkFailed": mark_failed,
        "ListOrders": list_orders,
        "GetOrder": get_order,
    }
    return create_provider_app("Order", operations, settings, db)
