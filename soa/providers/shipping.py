"""The Shipping provider: quotes, shipments and tracking, as SOAP operations."""

from flask import Flask

from bookstore.database import Database
from bookstore.shipping import service as shipping
from soa.providers.provider import create_provider_app, whole_number
from soa.settings import ProviderSettings


def create_app() -> Flask:
    """`gunicorn 'soa.providers.shipping:create_app()'`, on the shared enterprise database."""
    settings = ProviderSettings.from_environment()
    db = Database.for_server(settings)

    def quote(payload: dict, _headers: dict) -> dict:
        """Cost and days for {quantity} books to {country}."""
        return shipping.quote(whole_number(payload, "quantity"), str(payload["country"]))

    def create_shipment(payload: dict, _headers: dict) -> dict:
        """Book the shipment of {order_id} for {account_id} to {address}, {quantity} books."""
        with db.write() as conn:
            shipment_id = shipping.create_shipment(
                conn,
                whole_number(payload, "order_id"),
                whole_number(payload, "account_id"),
                dict(payload["address"]),
                whole_number(payload, "quantity"),
            )
        return {"shipment_id": shipment_id}

    def cancel_shipment(payload: dict, _headers: dict) -> dict:
        """Cancel the shipment of {order_id}, if any (compensation of a composite that could not finish)."""
        with db.write() as conn:
            shipping.cancel_shipment(conn, whole_number(payload, "order_id"))
        return {"cancelled": True}

    def track(payload: dict, _headers: dict) -> dict:
        """Tracking of {shipment_id} for {account_id}."""
        with db.read(single_statement=True) as conn:
            return shipping.tracking(conn, whole_number(payload, "shipment_id"), whole_number(payload, "account_id"))

    operations = {"Quote": quote, "CreateShipment": create_shipment, "CancelShipment": cancel_shipment, "Track": track}
    return create_provider_app("Shipping", operations, settings, db)
