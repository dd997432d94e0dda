"""The application tier's internal HTTP API: one route per use case of the Store, callable only from inside."""

import hmac

from flask import Blueprint, current_app, jsonify, request

from bookstore.edge.common import vouched_account
from bookstore.errors import Forbidden
from bookstore.input_rules import (
    BookQuery,
    Credentials,
    OrderRequest,
    QuoteQuery,
    Registration,
    parse_json,
    parse_query,
)
from bookstore.store import Store
from three_tier.internal_api import KEY_HEADER

internal = Blueprint("internal", __name__, url_prefix="/internal")


@internal.before_request
def _only_internal_callers():
    presented = request.headers.get(KEY_HEADER, "")
    if not hmac.compare_digest(presented.encode(), current_app.config["INTERNAL_KEY"].encode()):
        raise Forbidden("the application tier answers only the presentation tier (internal key missing or wrong)")


def _store() -> Store:
    return current_app.extensions["store"]


def _account() -> int:
    return vouched_account()


@internal.post("/accounts")
def register():
    """Register an account."""
    return jsonify(_store().register(parse_json(Registration, request.get_data()))), 201


@internal.post("/sessions")
def log_in():
    """Check credentials and issue a token."""
    return jsonify(_store().log_in(parse_json(Credentials, request.get_data())))


@internal.get("/profile")
def profile():
    """The calling account's profile."""
    return jsonify(_store().profile(_account()))


@internal.get("/books")
def list_books():
    """A catalog page."""
    return jsonify(_store().list_books(parse_query(BookQuery, request.args.to_dict())))


@internal.get("/books/<int:book_id>")
def get_book(book_id: int):
    """One book."""
    return jsonify(_store().get_book(book_id))


@internal.get("/shipping/quote")
def quote():
    """A shipping quote."""
    return jsonify(_store().quote(parse_query(QuoteQuery, request.args.to_dict())))


@internal.post("/orders")
def place_order():
    """Place an order for the calling account."""
    return jsonify(_store().place_order(_account(), parse_json(OrderRequest, request.get_data()))), 201


@internal.get("/orders")
def list_orders():
    """The calling account's newest orders."""
    return jsonify(_store().list_orders(_account()))


@internal.get("/orders/<int:order_id>")
def get_order(order_id: int):
    """One of the calling account's orders."""
    return jsonify(_store().get_order(_account(), order_id))


@internal.get("/shipments/<int:shipment_id>")
def get_shipment(shipment_id: int):
    """Tracking of one of the calling account's shipments."""
    return jsonify(_store().get_shipment(_account(), shipment_id))
