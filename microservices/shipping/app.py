"""The shipping service: quotes, shipments and tracking; it alone holds the shipping database."""

from typing import Annotated

from flask import Blueprint, Flask, current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field

from bookstore.input_rules import Address, Country, Id, QuoteQuery, parse_json, parse_query
from bookstore.shipping import service as shipping
from microservices.chassis import calling_account, create_service_app

api = Blueprint("shipping", __name__)


class ShipmentRequest(BaseModel):
    """PUT /shipments/{order_id}."""

    model_config = ConfigDict(extra="forbid", strict=True)
    account_id: Id
    quantity: Annotated[int, Field(ge=1, le=2000)]
    address: Address


def _db():
    return current_app.extensions["database"]


@api.get("/quote")
def quote():
    """A shipping quote."""
    query = parse_query(QuoteQuery, request.args.to_dict())
    return jsonify(shipping.quote(query.quantity, query.country))


class ParcelQuery(BaseModel):
    """GET /parcel-quote: a parcel as an order makes it (up to 20 lines of 100 books)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    quantity: Annotated[int, Field(ge=1, le=2000)]
    country: Country


@api.get("/parcel-quote")
def parcel_quote():
    """What the order saga asks: the cost of a parcel of any size an order can make."""
    query = parse_query(ParcelQuery, request.args.to_dict())
    return jsonify(shipping.quote(query.quantity, query.country))


@api.put("/shipments/<int:order_id>")
def book_shipment(order_id: int):
    """Book the shipment of an order, once (a retry answers the same shipment)."""
    wanted = parse_json(ShipmentRequest, request.get_data())
    with _db().write() as conn:
        shipment_id = shipping.create_shipment_once(
            conn, order_id, wanted.account_id, wanted.address.model_dump(), wanted.quantity
        )
    return jsonify({"shipment_id": shipment_id})


@api.delete("/shipments/<int:order_id>")
def cancel_shipment(order_id: int):
    """Cancel an order's shipment (the saga's compensation)."""
    with _db().write() as conn:
        shipping.cancel_shipment(conn, order_id)
    return jsonify({"order_id": order_id, "status": "cancelled"})


@api.get("/shipments/<int:shipment_id>")
def track(shipment_id: int):
    """Tracking of one of the calling account's shipments."""
    with _db().read(single_statement=True) as conn:
        return jsonify(shipping.tracking(conn, shipment_id, calling_account()))


def create_app(test_config: dict | None = None) -> Flask:
    """`gunicorn 'microservices.shipping.app:create_app()'`."""
    return create_service_app("shipping", api, test_config)
