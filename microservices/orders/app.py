"""The orders service: runs the order saga and keeps the order history; it alone holds the orders database."""

import os

from flask import Blueprint, Flask, current_app, jsonify, request

from bookstore.input_rules import OrderRequest, parse_json
from bookstore.orders import service as orders
from bookstore.orders.workflow import STEPS
from microservices.chassis import calling_account, create_service_app
from microservices.orders.saga import place_order
from microservices.service_client import ServiceClient, service_url

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
    config = {"FAULT_INJECTION": os.environ.get("FAULT_INJECTION") == "1", **(test_config or {})}
    app = create_service_app("orders", api, config)
    connections = app.extensions["settings"].worker_threads
    app.extensions["catalog"] = ServiceClient("catalog", service_url("catalog"), connections)
    app.extensions["shipping"] = ServiceClient("shipping", service_url("shipping"), connections)
    return app
