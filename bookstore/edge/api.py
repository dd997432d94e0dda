"""The edge JSON API: routes only; parsing is the schemas', use cases are the Store's."""

from flask import Blueprint, current_app, jsonify, request
from werkzeug.exceptions import UnsupportedMediaType

from bookstore.edge.auth import current_account
from bookstore.errors import NotFound
from bookstore.input_rules import (
    MAX_ID,
    BookQuery,
    Credentials,
    OrderRequest,
    QuoteQuery,
    Registration,
    parse_json,
    parse_query,
)
from bookstore.store import Store
from contract import openapi_document

api = Blueprint("api", __name__)


def _store() -> Store:
    return current_app.extensions["store"]


def _json_body(model):
    if not request.is_json:
        raise UnsupportedMediaType("the body must be application/json")
    return parse_json(model, request.get_data(cache=False))


def _id(value: int, what: str) -> int:
    if value < 1 or value > MAX_ID:
        raise NotFound(f"{what} {value} not found")
    return value


@api.get("/health")
def health():
    """Liveness and the architecture's name."""
    facts = _store().ready()
    return jsonify({"status": "ok", "architecture": current_app.config["ARCHITECTURE"], **facts})


@api.get("/openapi.json")
def openapi():
    """The edge contract."""
    return jsonify(openapi_document())


@api.post("/api/accounts")
def register():
    """Register an account."""
    return jsonify(_store().register(_json_body(Registration))), 201


@api.post("/api/sessions")
def log_in():
    """Log in."""
    return jsonify(_store().log_in(_json_body(Credentials)))


@api.get("/api/accounts/me")
def me():
    """Own profile."""
    store = _store()
    return jsonify(store.profile(current_account(store)))


@api.get("/api/books")
def list_books():
    """Catalog page with search."""
    return jsonify(_store().list_books(parse_query(BookQuery, request.args.to_dict())))


@api.get("/api/books/<int:book_id>")
def get_book(book_id: int):
    """One book."""
    return jsonify(_store().get_book(_id(book_id, "book")))


@api.get("/api/shipping/quote")
def quote():
    """Shipping quote."""
    return jsonify(_store().quote(parse_query(QuoteQuery, request.args.to_dict())))


@api.post("/api/orders")
def place_order():
    """Place an order."""
    store = _store()
    account_id = current_account(store)
    return jsonify(store.place_order(account_id, _json_body(OrderRequest))), 201


@api.get("/api/orders")
def list_orders():
    """Own orders, newest first."""
    store = _store()
    return jsonify(store.list_orders(current_account(store)))


@api.get("/api/orders/<int:order_id>")
def get_order(order_id: int):
    """One own order."""
    store = _store()
    account_id = current_account(store)
    return jsonify(store.get_order(account_id, _id(order_id, "order")))


@api.get("/api/shipments/<int:shipment_id>")
def get_shipment(shipment_id: int):
    """Tracking of an own shipment."""
    store = _store()
    account_id = current_account(store)
    return jsonify(store.get_shipment(account_id, _id(shipment_id, "shipment")))
