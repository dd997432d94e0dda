"""After a fault, nothing lost: every order answered 201 is confirmed with a live shipment; stock adds up per book."""

import time
from collections import Counter

from sqlalchemy import create_engine, func, select

from bookstore.catalog.tables import books
from bookstore.orders.tables import order_lines, orders
from bookstore.seed import book as seeded_book
from bookstore.shipping.tables import shipments
from lab.launch.launcher import Launch

CONVERGE_S = 120  # an undo left for later (the saga's, the bus's) finishes within this once every part is back


def _read(queries: dict[str, tuple[str, object]]) -> dict[str, list]:
    """Run each named (database URL, query), opening each database once (in a monolith they are all one)."""
    found = {}
    for url in {url for url, _ in queries.values()}:
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                found |= {name: conn.execute(query).all() for name, (at, query) in queries.items() if at == url}
        finally:
            engine.dispose()
    return found


def problems_in(answered_201: list[int], status_of: dict, shipment_of: dict, stock: dict, sold: dict) -> list[str]:
    """Every broken promise, as sentences: the pure part of the check, over what the databases hold."""
    found = []
    for order_id in answered_201:
        if status_of.get(order_id) != "confirmed":
            found.append(f"order {order_id} was answered 201 but is {status_of.get(order_id, 'missing')}")
        elif (shipment := shipment_of.get(order_id, "missing")) in ("missing", "cancelled"):
            found.append(f"order {order_id} was answered 201 but its shipment is {shipment}")
    for book_id, now in sorted(stock.items()):
        expected = seeded_book(book_id)["stock"] - sold.get(book_id, 0)
        if now != expected:
            found.append(f"book {book_id} has {now} in stock; seed minus confirmed orders is {expected}")
    return found


def check(launch: Launch, answered_201: list[int], converge_s: float = CONVERGE_S) -> dict:
    """Judge until the data is consistent, or converge_s has passed: compensations may still be finishing.

    How long that took is part of the outcome: the time an architecture takes to become consistent again.
    """
    began = time.monotonic()
    while True:
        verdict = _judge(launch, answered_201)
        if verdict["passed"] or time.monotonic() - began > converge_s:
            return {**verdict, "consistent_after_s": round(time.monotonic() - began, 1) if verdict["passed"] else None}
        time.sleep(1)


def _judge(launch: Launch, answered_201: list[int]) -> dict:
    """Read each context's own database and judge; also run the architecture's own consistency checks."""
    sold = (
        select(order_lines.c.book_id, func.sum(order_lines.c.quantity))
        .join(orders, orders.c.id == order_lines.c.order_id)
        .where(orders.c.status == "confirmed")
        .group_by(order_lines.c.book_id)
    )
    rows = _read(
        {
            "status": (launch.database_of("orders"), select(orders.c.id, orders.c.status)),
            "sold": (launch.database_of("orders"), sold),
            "shipments": (launch.database_of("shipping"), select(shipments.c.order_id, shipments.c.status)),
            "stock": (launch.database_of("catalog"), select(books.c.id, books.c.stock)),
        }
    )
    status_of = dict(rows["status"])
    sold_by_book = {book: int(n) for book, n in rows["sold"]}
    found = problems_in(answered_201, status_of, dict(rows["shipments"]), dict(rows["stock"]), sold_by_book)
    architecture_checks = launch.run_checks()
    found += [f"{c['command']}: {c['output'][-300:]}" for c in architecture_checks if not c["passed"]]
    return {
        "passed": not found,
        "problems": found[:50],
        "problem_count": len(found),
        "orders_answered_201": len(answered_201),
        "orders_by_status": dict(Counter(status_of.values())),
        "architecture_checks": [{"command": c["command"], "passed": c["passed"]} for c in architecture_checks],
    }
