"""The catalog service: books, search, prices and stock reservations; it alone holds the catalog database."""

from flask import Blueprint, Flask, current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field

from bookstore.catalog import service as catalog
from bookstore.errors import InvalidInput
from bookstore.input_rules import BookQuery, Id, Quantity, parse_json, parse_query
from microservices.chassis import create_service_app

api = Blueprint("catalog", __name__)


class ReservedLine(BaseModel):
    """One reserved book."""

    model_config = ConfigDict(extra="forbid", strict=True)
    book_id: Id
    quantity: Quantity


class Reservation(BaseModel):
    """PUT /reservations/{key}."""

    model_config = ConfigDict(extra="forbid", strict=True)
    lines: list[ReservedLine] = Field(min_length=1, max_length=20)


def _db():
    return current_app.extensions["database"]


# Which reads may go to a replica (READS) is the catalog's own decision: the pages and books a shopper
# browses may be a little stale; prices and reservations serve an order and use the primary, the truth.


@api.get("/books")
def list_books():
    """A catalog page."""
    query = parse_query(BookQuery, request.args.to_dict())
    with _db().read(stale_ok=True) as conn:
        return jsonify(catalog.list_books(conn, query.q, query.page, query.page_size))


@api.get("/books/<int:book_id>")
def get_book(book_id: int):
    """One book."""
    with _db().read(stale_ok=True, single_statement=True) as conn:
        return jsonify(catalog.get_book(conn, book_id))


@api.get("/prices")
def prices():
    """Unit prices of ?ids=1,2,3."""
    raw = request.args.get("ids", "")
    if not raw or not all(part.isdigit() for part in raw.split(",")):
        raise InvalidInput("ids: a comma-separated list of book ids")
    with _db().read(single_statement=True) as conn:
        found = catalog.prices(conn, [int(part) for part in raw.split(",")])
    return jsonify({"prices": [{"book_id": book_id, "price_cents": cents} for book_id, cents in found.items()]})


@api.put("/reservations/<key>")
def reserve(key: str):
    """Take stock for an order once per idempotency key (a retry changes nothing)."""
    reservation = parse_json(Reservation, request.get_data())
    with _db().write() as conn:
        taken = catalog.reserve_once(conn, key, [(line.book_id, line.quantity) for line in reservation.lines])
    return jsonify({"reservation": key, "status": "reserved"}), 201 if taken else 200


@api.delete("/reservations/<key>")
def release(key: str):
    """Give a reservation's stock back once (the saga's compensation)."""
    with _db().write() as conn:
        catalog.release_once(conn, key)
    return jsonify({"reservation": key, "status": "released"})


def create_app(test_config: dict | None = None) -> Flask:
    """`gunicorn 'microservices.catalog.app:create_app()'`."""
    return create_service_app("catalog", api, test_config)
