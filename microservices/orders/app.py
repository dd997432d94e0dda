"""The orders service: runs the order saga and keeps the order history; it alone holds the orders database."""

from flask import Blueprint, Flask, current_app, jsonify, request

from bookstore.input_rules import OrderRequest, parse_json
from bookstore.internal_proof import Signer
from bookstore.orders import service as orders
from bookstore.orders.workflow import STEPS
from microservices.chassis import calling_account, create_service_app
from microservices.orders.saga import place_order
from microservices.service_client import ServiceClient

api = Blueprint("orders", __name__)
FAULT_HEADER = "X-Inject-Failure"


def _db():
    return current_app.extensions["database"]


@api.post("/orders")
def create_order():
    """Place an order for the calling account (the saga)."""
    account_id = calling_account()
    order = parse_json(OrderRequest, request.get_data())
    fail_at = request.headers.get(FAULT_HEADER) if current_app.config["FAULT_INJECTION"] else None
    catalog, shipping = current_app.extensions["catalog"], current_app.extensions["shipping"]
    return jsonify(place_order(_db(), catalog, shipping, account_id, order, fail_at if fail_at in STEPS else None)), 201


@api.get("/orders")
def list_orders():
    """The calling account's newest orders."""
    with _db().read() as conn:
        return jsonify(orders.list_orders(conn, calling_account()))


@api.get("/orders/<int:order_id>")
def get_order(order_id: int):
    """One of the calling account's orders."""
    with _db().read() as conn:
        return jsonify(orders.get_order(conn, calling_account(), order_id))


def create_app(test_config: dict | None = None) -> Flask:
    """`gunicorn 'microservices.orders.app:create_app()'`."""
    app = create_service_app("orders", api, test_config)
    settings = app.extensions["settings"]
    app.config.setdefault("FAULT_INJECTION", settings.fault_injection)
    connections, signer = settings.worker_threads, Signer(settings.internal_secret, "orders")
    app.extensions["catalog"] = ServiceClient("catalog", settings.service_url("catalog"), connections, signer)
    app.extensions["shipping"] = ServiceClient("shipping", settings.service_url("shipping"), connections, signer)
    return app
