"""Consistency check over the four databases after a run: python -m microservices.consistency.

There is no transaction across services, so this checks what the saga promises: no stock held for an
order that is not confirmed, no confirmed order without its (uncancelled) shipment, no stock below zero.
"""

import sys

from sqlalchemy import select

from bookstore.catalog import repository as catalog
from bookstore.catalog.tables import books
from bookstore.database import Database
from bookstore.orders.tables import orders
from bookstore.settings import Settings
from bookstore.shipping import repository as shipping
from microservices.databases import service_database_url
from microservices.settings import ServiceDatabases


def violations(admin_url: str, databases: ServiceDatabases) -> list[str]:
    """Every broken promise found, as sentences; empty when the databases agree."""

    def database(service: str) -> Database:
        return Database(service_database_url(admin_url, service, databases))

    with database("orders").read() as conn:
        status_of = dict(conn.execute(select(orders.c.id, orders.c.status)).all())
    with database("catalog").read() as conn:
        held = catalog.held_reservations(conn)
        negative = conn.execute(select(books.c.id).where(books.c.stock < 0)).scalars().all()
    with database("shipping").read() as conn:
        shipment_status = shipping.statuses_by_order(conn)
    found = [f"book {book_id} has negative stock" for book_id in negative]
    held_for = {}
    for reservation in held:
        order_id = int(reservation["id"].removeprefix("order-"))
        held_for[order_id] = reservation["id"]
        if status_of.get(order_id) != "confirmed":
            found.append(f"stock is held by {reservation['id']}, whose order is {status_of.get(order_id, 'missing')}")
    for order_id, status in status_of.items():
        if status != "confirmed":
            if shipment_status.get(order_id) not in (None, "cancelled"):
                found.append(f"order {order_id} is {status} but its shipment is live")
            continue
        if shipment_status.get(order_id) in (None, "cancelled"):
            found.append(f"confirmed order {order_id} has no live shipment")
        if order_id not in held_for:
            found.append(f"confirmed order {order_id} holds no stock reservation")
    return found


def main() -> int:
    """Print the verdict; exit status 1 when anything is inconsistent."""
    found = violations(Settings.from_environment().required_database_url(), ServiceDatabases.from_environment())
    for problem in found:
        print(f"INCONSISTENT: {problem}")
    print("consistency check: " + ("passed" if not found else f"{len(found)} problem(s)"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
